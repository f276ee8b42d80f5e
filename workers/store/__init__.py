"""Storage of known state: the port the pure core uses, its in-memory and Redis adapters."""
