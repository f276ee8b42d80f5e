FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY services services
COPY workers workers
COPY schemas schemas
COPY blogtail blogtail
RUN pip install --no-cache-dir .
ENTRYPOINT []
