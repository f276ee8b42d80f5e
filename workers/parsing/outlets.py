"""Recognise the outlet a capture comes from and the zone its bare times are in."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

from ahocorasick_rs import AhoCorasick, MatchKind

from workers.parsing.times import LONDON, NEW_YORK

BERLIN: Final = ZoneInfo("Europe/Berlin")
PARIS: Final = ZoneInfo("Europe/Paris")
BRUSSELS: Final = ZoneInfo("Europe/Brussels")
DUBLIN: Final = ZoneInfo("Europe/Dublin")
KYIV: Final = ZoneInfo("Europe/Kyiv")
JERUSALEM: Final = ZoneInfo("Asia/Jerusalem")
KOLKATA: Final = ZoneInfo("Asia/Kolkata")
SINGAPORE: Final = ZoneInfo("Asia/Singapore")
KARACHI: Final = ZoneInfo("Asia/Karachi")
DHAKA: Final = ZoneInfo("Asia/Dhaka")
DUBAI: Final = ZoneInfo("Asia/Dubai")
RIYADH: Final = ZoneInfo("Asia/Riyadh")
ISTANBUL: Final = ZoneInfo("Europe/Istanbul")
TOKYO: Final = ZoneInfo("Asia/Tokyo")
HONG_KONG: Final = ZoneInfo("Asia/Hong_Kong")
SYDNEY: Final = ZoneInfo("Australia/Sydney")
AUCKLAND: Final = ZoneInfo("Pacific/Auckland")
CHICAGO: Final = ZoneInfo("America/Chicago")
DENVER: Final = ZoneInfo("America/Denver")
LOS_ANGELES: Final = ZoneInfo("America/Los_Angeles")
JOHANNESBURG: Final = ZoneInfo("Africa/Johannesburg")
LAGOS: Final = ZoneInfo("Africa/Lagos")
NAIROBI: Final = ZoneInfo("Africa/Nairobi")
ACCRA: Final = ZoneInfo("Africa/Accra")
JAMAICA: Final = ZoneInfo("America/Jamaica")
PORT_OF_SPAIN: Final = ZoneInfo("America/Port_of_Spain")
MEXICO_CITY: Final = ZoneInfo("America/Mexico_City")
SAO_PAULO: Final = ZoneInfo("America/Sao_Paulo")
BUENOS_AIRES: Final = ZoneInfo("America/Argentina/Buenos_Aires")

MAX_MARKER_LINE_CHARS: Final = 160
"""Markers are looked for in short lines only: a paragraph saying "told CNN" or "the BBC
reported" names another outlet, not the page's own."""


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet, the markers its pages carry and the zone of its bare clock times."""

    name: str
    markers: tuple[str, ...]
    zone: tzinfo
    syndicated: bool = False
    """Its copy runs on other outlets' pages (AP's on local stations'): its markers may name
    the copy, not the page, so a place the page's head names may say the zone instead."""


OUTLETS: Final = (
    Outlet("CNN", ("From CNN", "Analysis from CNN", ", CNN", "| CNN", "Source: CNN",
                   "Link Copied!", "CNN staff"), NEW_YORK),
    Outlet("TRT World", ("TRT World", "trtworld", "Route 6"), UTC),
    Outlet("The Guardian", ("Photograph: ", "The Guardian", "theguardian.com",
                            "Guardian staff"), LONDON),
    Outlet("BBC", ("BBC News", "British Summer Time", "Image source, ", "Image caption, ",
                   "bbc.co.uk", "BBC Live"), LONDON),
    Outlet("Al Jazeera", ("Al Jazeera", "aljazeera"), UTC),
    Outlet("Sky News", ("Sky News", "news.sky.com"), LONDON),
    Outlet("The Independent", ("The Independent", "independent.co.uk"), LONDON),
    Outlet("The Washington Post", ("The Washington Post", "washingtonpost.com"), NEW_YORK),
    Outlet("The New York Times", ("The New York Times", "nytimes.com", "Credit..."), NEW_YORK),
    Outlet("AP", ("Associated Press", "AP Photo", "apnews.com", "AP News"), NEW_YORK,
           syndicated=True),
    Outlet("Reuters", ("(Reuters)", "Reuters.com", "Reporting by ", "Editing by "), UTC),
    Outlet("Daily Mirror", ("Daily Mirror", "mirror.co.uk", "Irish Mirror"), LONDON),
    Outlet("The Telegraph", ("The Telegraph", "telegraph.co.uk"), LONDON),
    Outlet("Daily Mail", ("Daily Mail", "dailymail.co.uk", "MailOnline"), LONDON),
    Outlet("Evening Standard", ("Evening Standard", "standard.co.uk"), LONDON),
    Outlet("NBC News", ("NBC News", "nbcnews.com"), NEW_YORK),
    Outlet("CBS News", ("CBS News", "cbsnews.com"), NEW_YORK),
    Outlet("ABC News", ("abcnews.go.com", "ABC News Live"), NEW_YORK),
    Outlet("Fox News", ("Fox News", "foxnews.com"), NEW_YORK),
    Outlet("CNBC", ("CNBC", "cnbc.com"), NEW_YORK),
    Outlet("USA Today", ("USA TODAY", "USA Today", "usatoday.com"), NEW_YORK),
    # Before Politico's: the same place, the longer marker listed first, wins.
    Outlet("Politico Europe", ("POLITICO Europe", "Politico Europe", "politico.eu"), BRUSSELS),
    Outlet("Politico", ("POLITICO", "politico.com"), NEW_YORK),
    Outlet("DW", ("Deutsche Welle", "dw.com", "Follow DW", "DW News"), BERLIN),
    Outlet("France 24", ("France 24", "FRANCE 24", "france24.com"), PARIS),
    Outlet("Le Monde", ("Le Monde", "lemonde.fr"), PARIS),
    Outlet("Euronews", ("Euronews", "euronews.com"), BRUSSELS),
    Outlet("The Irish Times", ("The Irish Times", "irishtimes.com"), DUBLIN),
    Outlet("RTE", ("RT\u00c9 News", "rte.ie"), DUBLIN),
    Outlet("The Kyiv Independent", ("Kyiv Independent", "kyivindependent.com"), KYIV),
    Outlet("The Times of Israel", ("Times of Israel", "timesofisrael.com", "TOI Staff",
                                   "ToI Staff"), JERUSALEM),
    Outlet("NDTV", ("NDTV", "ndtv.com"), KOLKATA),
    Outlet("Hindustan Times", ("Hindustan Times", "hindustantimes.com"), KOLKATA),
    Outlet("The Times of India", ("Times of India", "timesofindia"), KOLKATA),
    Outlet("India Today", ("India Today", "indiatoday.in"), KOLKATA),
    Outlet("Rediff", ("rediff.com", "Rediff.com"), KOLKATA),
    Outlet("The Hindu", ("thehindu.com",), KOLKATA),
    Outlet("The Indian Express", ("Indian Express", "indianexpress.com"), KOLKATA),
    Outlet("News18", ("News18", "news18.com"), KOLKATA),
    Outlet("Mint", ("livemint.com",), KOLKATA),
    Outlet("The Asian Age", ("Asian Age", "asianage.com"), KOLKATA),
    Outlet("Dawn", ("dawn.com",), KARACHI),
    # Before News24's, which its name holds: the leftmost marker wins.
    Outlet("bdnews24.com", ("bdnews24",), DHAKA),
    Outlet("The Daily Star (Bangladesh)", ("thedailystar.net", "Star Digital Report"), DHAKA),
    Outlet("Dhaka Tribune", ("Dhaka Tribune", "dhakatribune.com"), DHAKA),
    Outlet("Geo News", ("Geo News", "geo.tv"), KARACHI),
    Outlet("Gulf News", ("Gulf News", "gulfnews.com"), DUBAI),
    Outlet("Khaleej Times", ("Khaleej Times", "khaleejtimes.com"), DUBAI),
    Outlet("The National", ("thenationalnews.com",), DUBAI),
    Outlet("Arab News", ("Arab News", "arabnews.com"), RIYADH),
    Outlet("Haaretz", ("Haaretz", "haaretz.com"), JERUSALEM),
    Outlet("The Jerusalem Post", ("Jerusalem Post", "jpost.com"), JERUSALEM),
    Outlet("Anadolu Agency", ("Anadolu Agency", "aa.com.tr"), ISTANBUL),
    Outlet("Daily Sabah", ("Daily Sabah", "dailysabah.com"), ISTANBUL),
    Outlet("NHK World", ("NHK WORLD", "NHK World", "nhk.or.jp"), TOKYO),
    Outlet("The Japan Times", ("The Japan Times", "japantimes.co.jp"), TOKYO),
    Outlet("South China Morning Post", ("South China Morning Post", "scmp.com"), HONG_KONG),
    Outlet("CNA", ("channelnewsasia.com", "CNA's"), SINGAPORE),
    Outlet("The Straits Times", ("The Straits Times", "straitstimes.com"), SINGAPORE),
    Outlet("ABC Australia", ("abc.net.au", "ABC News (Australia)"), SYDNEY),
    Outlet("The Sydney Morning Herald", ("Sydney Morning Herald", "smh.com.au"), SYDNEY),
    # Named by address alone where the name is common words ("The Age of ...").
    Outlet("The Age", ("theage.com.au",), SYDNEY),  # Melbourne keeps Sydney's clock
    Outlet("news.com.au", ("news.com.au",), SYDNEY),
    Outlet("The Australian", ("theaustralian.com.au",), SYDNEY),
    Outlet("NZ Herald", ("NZ Herald", "nzherald.co.nz"), AUCKLAND),
    Outlet("Stuff", ("stuff.co.nz",), AUCKLAND),
    Outlet("Newshub", ("Newshub", "newshub.co.nz"), AUCKLAND),
    Outlet("RNZ", ("rnz.co.nz", "RNZ News"), AUCKLAND),
    Outlet("1News", ("1news.co.nz", "1News", "TVNZ"), AUCKLAND),
    Outlet("9News", ("9news.com.au", "9News"), SYDNEY),
    Outlet("7NEWS", ("7news.com.au", "7NEWS"), SYDNEY),
    Outlet("SBS News", ("sbs.com.au", "SBS News"), SYDNEY),
    Outlet("Chicago Sun-Times", ("Chicago Sun-Times", "Sun-Times", "suntimes.com"), CHICAGO),
    Outlet("Chicago Tribune", ("Chicago Tribune", "chicagotribune.com"), CHICAGO),
    Outlet("Los Angeles Times", ("Los Angeles Times", "latimes.com"), LOS_ANGELES),
    Outlet("Deadline", ("deadline.com",), LOS_ANGELES),
    Outlet("Variety", ("variety.com",), LOS_ANGELES),
    Outlet("The Hollywood Reporter", ("Hollywood Reporter", "hollywoodreporter.com"), LOS_ANGELES),
    Outlet("San Francisco Chronicle", ("San Francisco Chronicle", "sfchronicle.com"),
           LOS_ANGELES),
    Outlet("The Seattle Times", ("Seattle Times", "seattletimes.com"), LOS_ANGELES),
    Outlet("The Denver Post", ("Denver Post", "denverpost.com"), DENVER),
    Outlet("Mail & Guardian", ("Mail & Guardian", "mg.co.za"), JOHANNESBURG),
    Outlet("News24", ("News24", "news24.com"), JOHANNESBURG),
    Outlet("Daily Maverick", ("Daily Maverick", "dailymaverick.co.za"), JOHANNESBURG),
    Outlet("TimesLIVE", ("TimesLIVE", "timeslive.co.za"), JOHANNESBURG),
    Outlet("IOL", ("iol.co.za",), JOHANNESBURG),
    Outlet("Eyewitness News", ("Eyewitness News", "ewn.co.za"), JOHANNESBURG),
    Outlet("Premium Times", ("Premium Times", "premiumtimesng.com"), LAGOS),
    Outlet("Punch", ("punchng.com",), LAGOS),
    Outlet("Vanguard", ("vanguardngr.com",), LAGOS),
    Outlet("Channels TV", ("Channels Television", "channelstv.com"), LAGOS),
    Outlet("Legit.ng", ("legit.ng", "Legit.ng", "Naij.com"), LAGOS),
    Outlet("Nation Africa", ("nation.africa", "Daily Nation"), NAIROBI),
    Outlet("The Standard (Kenya)", ("standardmedia.co.ke",), NAIROBI),
    Outlet("Citizen Digital", ("citizen.digital",), NAIROBI),
    Outlet("GhanaWeb", ("GhanaWeb", "ghanaweb.com"), ACCRA),
    Outlet("Joy Online", ("myjoyonline.com", "JoyNews"), ACCRA),
    Outlet("The Gleaner", ("Jamaica Gleaner", "jamaica-gleaner.com"), JAMAICA),
    Outlet("Jamaica Observer", ("Jamaica Observer", "jamaicaobserver.com"), JAMAICA),
    Outlet("Trinidad Express", ("Trinidad Express", "trinidadexpress.com"), PORT_OF_SPAIN),
    Outlet("Newsday (Trinidad)", ("newsday.co.tt",), PORT_OF_SPAIN),
    Outlet("Mexico News Daily", ("Mexico News Daily", "mexiconewsdaily.com"), MEXICO_CITY),
    Outlet("The Rio Times", ("The Rio Times", "riotimesonline.com"), SAO_PAULO),
    Outlet("Folha", ("folha.uol.com.br",), SAO_PAULO),
    Outlet("Buenos Aires Times", ("Buenos Aires Times", "batimes.com.ar"), BUENOS_AIRES),
    Outlet("Buenos Aires Herald", ("Buenos Aires Herald", "buenosairesherald.com"), BUENOS_AIRES),
    Outlet("MercoPress", ("MercoPress", "mercopress.com"), ZoneInfo("America/Montevideo")),
)  # fmt: skip


_RANKS: Final = {outlet.name: rank for rank, outlet in enumerate(OUTLETS)}
_MARKERS: Final = {marker: outlet.name for outlet in OUTLETS for marker in outlet.markers}
_OWNERS: Final = list(_MARKERS.values())
_CITING_AFTER: Final = re.compile(
    r" (?:has |had |first )?(?:reported|reports|said|says|quoted|cited|revealed)\b"
)
_CITING_BEFORE: Final = ("according to ", "told ")
_FINDER: Final = AhoCorasick(list(_MARKERS), matchkind=MatchKind.LeftmostFirst)


def detect_outlet(lines: Iterable[str]) -> Outlet | None:
    """Pick the outlet whose markers the page's short lines carry most often."""
    page = "\n".join(text for text in lines if len(text) <= MAX_MARKER_LINE_CHARS)
    # One Aho-Corasick pass finds every marker at once, leftmost first and each place taken
    # by the first marker listed, as an alternation of them would: a scan of the page per
    # marker cost a quarter of a compiled parse.
    scores: Counter[str] = Counter()
    for index, start, end in _FINDER.find_matches_as_indexes(page):
        # "..., The New York Times reported": a source the post quotes, not the page's outlet.
        if not (_CITING_AFTER.match(page, end) or page.endswith(_CITING_BEFORE, 0, start)):
            scores[_OWNERS[index]] += 1
    if not scores:
        return None
    # Ties go to the outlet listed first, so the result never depends on dict order.
    best = max(scores, key=lambda name: (scores[name], -_RANKS[name]))
    return OUTLETS[_RANKS[best]]


def default_zone(outlet: Outlet | None, *, meridian: bool, dotted: bool = False) -> tzinfo:
    """Return the zone of bare clock times: the outlet's, else by the clock's style."""
    if outlet is not None:
        return outlet.zone
    # "9:13 a.m." is how American pages write time, "3.46pm" how British ones do; a bare
    # "17:26" is read as UTC.
    if meridian:
        return LONDON if dotted else NEW_YORK
    return UTC
