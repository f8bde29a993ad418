"""External links: asked only with ``--external`` (the command line), never during a
build, which must work offline.

Each distinct URL (without its #fragment) is fetched once with httpx: many at a time, at most
``per_host`` at a time to one host; each request with a timeout; retried with exponential
back-off after 429, 5xx, a timeout or a dropped connection, waiting as long as a Retry-After
header asks up to ``max_retry_after``. Redirects are followed one hop at a time, so a loop is
named and a permanent move reported. Settled answers (success, redirect, 404/410) are cached
in ``CACHE_PATH/links.json`` for ``cache_max_age`` seconds; the others are asked again next
time.
"""

import asyncio
import email.utils
import json
import os
import time
from collections import defaultdict
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from .checks import ERROR, NOTE, WARNING
from .model import Problem

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
BLOCKED = frozenset({401, 403, 999})  # what sites that refuse robots answer
GONE = frozenset({404, 410})


class Outcome:
    """What asking for one URL came to."""

    __slots__ = ("status", "code", "final", "chain", "tries", "reason")

    def __init__(self, status, code=None, final=None, chain=(), tries=1, reason=""):
        self.status = status  # ok, redirect, broken, blocked, rate-limited, timeout, unreachable, loop
        self.code = code
        self.final = final
        self.chain = list(chain)  # [(url, code), ...] of the redirects followed
        self.tries = tries
        self.reason = reason

    @property
    def settled(self):
        """Worth caching: the answer will not change on the next try."""
        return self.status in ("ok", "redirect") or (self.status == "broken" and self.code in GONE)

    def as_dict(self):
        return {"status": self.status, "code": self.code, "final": self.final,
                "chain": self.chain, "tries": self.tries, "reason": self.reason}

    @classmethod
    def from_dict(cls, data):
        return cls(data["status"], data.get("code"), data.get("final"),
                   [tuple(hop) for hop in data.get("chain", [])], data.get("tries", 1), data.get("reason", ""))


def phrase(code):
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def retry_after(value, now=None):
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now or time.time()))


def retry_delay(tries, code, headers, config):
    """Seconds to wait before try number ``tries + 1``: what Retry-After asks (429, 503), up to
    ``max_retry_after``, else ``backoff`` doubled for each try so far."""
    asked = retry_after(headers.get("retry-after")) if code in (429, 503) else None
    if asked is not None:
        return min(asked, config["max_retry_after"])
    return config["backoff"] * 2 ** (tries - 1)


class Fetcher:
    def __init__(self, client, config):
        self.client = client
        self.config = config
        self.everything = asyncio.Semaphore(config["concurrency"])
        self.hosts = defaultdict(lambda: asyncio.Semaphore(config["per_host"]))

    async def request(self, url):
        """(status code, headers, error kind, tries) for one GET, retried as configured."""
        config = self.config
        tries = 0
        while True:
            tries += 1
            code, headers, error = None, {}, None
            host = urlsplit(url).netloc.lower()
            async with self.hosts[host], self.everything:
                try:
                    # stream: the status and headers are enough, the body is never read
                    async with self.client.stream("GET", url) as response:
                        code, headers = response.status_code, response.headers
                except httpx.TimeoutException:
                    error = "timeout"
                except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as problem:
                    error = f"dropped: {problem.__class__.__name__}"
                except (httpx.HTTPError, httpx.InvalidURL, ValueError) as problem:
                    return None, {}, f"unreachable: {_reason(problem)}", tries
            retry = error is not None or code == 429 or code >= 500
            if not retry or tries > config["retries"]:
                return code, headers, error, tries
            await asyncio.sleep(retry_delay(tries, code, headers, config))

    async def check(self, url):
        chain, seen, current = [], {url}, url
        for _ in range(self.config["max_redirects"] + 1):
            code, headers, error, tries = await self.request(current)
            if error == "timeout":
                return Outcome("timeout", tries=tries, chain=chain)
            if error and error.startswith("dropped"):
                return Outcome("unreachable", tries=tries, chain=chain, reason="the connection was dropped")
            if error:
                return Outcome("unreachable", tries=tries, chain=chain, reason=error.partition(": ")[2])
            location = headers.get("location")
            if code in REDIRECTS and location:
                following = urljoin(current, location)
                chain.append((current, code))
                if following in seen:
                    chain.append((following, None))
                    return Outcome("loop", code=code, chain=chain, tries=tries)
                seen.add(following)
                current = following
                continue
            return judge(code, current, chain, tries)
        return Outcome("loop", chain=chain, reason="too many redirects")


def judge(code, final, chain, tries):
    if 200 <= code < 400:
        return Outcome("redirect" if chain else "ok", code, final, chain, tries)
    if code in BLOCKED:
        return Outcome("blocked", code, final, chain, tries)
    if code == 429:
        return Outcome("rate-limited", code, final, chain, tries)
    return Outcome("broken", code, final, chain, tries)


def _reason(problem):
    text = str(problem) or problem.__class__.__name__
    return text.splitlines()[0]


async def fetch_all(urls, config):
    timeout = httpx.Timeout(config["timeout"])
    limits = httpx.Limits(max_connections=config["concurrency"], max_keepalive_connections=config["concurrency"])
    headers = {"User-Agent": config["user_agent"], "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    async with httpx.AsyncClient(timeout=timeout, limits=limits, headers=headers, follow_redirects=False) as client:
        fetcher = Fetcher(client, config)
        outcomes = await asyncio.gather(*(fetcher.check(url) for url in urls))
    return dict(zip(urls, outcomes, strict=True))  # gather answers each URL, in order


# --- the cache ----------------------------------------------------------------------------------


def load_cache(path, max_age, now):
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    fresh = {}
    for url, entry in data.items() if isinstance(data, dict) else ():
        try:
            if now - entry["checked"] <= max_age:
                fresh[url] = (entry["checked"], Outcome.from_dict(entry))
        except (KeyError, TypeError):
            continue
    return fresh


def save_cache(path, entries):
    if not path:
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    data = {url: {"checked": checked, **outcome.as_dict()} for url, (checked, outcome) in sorted(entries.items())}
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
    os.replace(temporary, path)


# --- problems -------------------------------------------------------------------------------------


def problem_for(link, outcome, config):
    """The Problem an outcome means for one link, or None when the link is fine."""
    status = outcome.status
    tried = f" (tried {outcome.tries} times)" if outcome.tries > 1 else ""
    if status == "ok":
        return None
    if status == "redirect":
        code = next((c for _, c in outcome.chain if c in PERMANENT), None)
        final = outcome.final
        if code:
            return Problem("external", WARNING, lambda shown: (
                f'the link "{shown}" has moved to {final} ({phrase(code)}): link to the new address'),
                link.page, link)
        first = outcome.chain[0][1]
        return Problem("external", NOTE, lambda shown: (
            f'the link "{shown}" redirects to {final} ({phrase(first)})'), link.page, link)
    if status == "blocked":
        return Problem("external", WARNING, lambda shown: (
            f'the link "{shown}" could not be checked: the site answered {phrase(outcome.code)}, as '
            "sites that block automated checks do. Open it in a browser to be sure"), link.page, link)
    if status == "rate-limited":
        return Problem("external", WARNING, lambda shown: (
            f'the link "{shown}" could not be checked: the site answered {phrase(429)}{tried}. '
            "Try again later"), link.page, link)
    if status == "broken":
        return Problem("external", ERROR, lambda shown: (
            f'the link "{shown}" is broken: the site answered {phrase(outcome.code)}{tried}. Find the '
            "page's new address, or remove the link"), link.page, link)
    if status == "timeout":
        seconds = f"{config['timeout']:g}"
        return Problem("external", ERROR, lambda shown: (
            f'the link "{shown}" did not answer within {seconds} s{tried}. Check that the site still '
            "exists"), link.page, link)
    if status == "loop":
        hops = " → ".join(url for url, _ in outcome.chain)
        why = outcome.reason or "redirects in a loop"
        return Problem("external", ERROR, lambda shown: (
            f'the link "{shown}" never arrives: {why}: {hops}. Link to the page the site means'),
            link.page, link)
    return Problem("external", ERROR, lambda shown: (
        f'the link "{shown}" could not be reached ({outcome.reason}){tried}. Check the address'),
        link.page, link)


def check_external(links, config, now=None):
    """Problems for the external ``links`` (Link objects), and how many distinct URLs there were."""
    now = time.time() if now is None else now
    by_url = defaultdict(list)
    for link in links:
        by_url[link.url.strip().split("#", 1)[0]].append(link)
    cache_file = config.get("cache_file")
    cache = load_cache(cache_file, config["cache_max_age"], now)
    todo = [url for url in by_url if url not in cache]
    fetched = asyncio.run(fetch_all(todo, config)) if todo else {}
    outcomes = {url: outcome for url, (_, outcome) in cache.items()}
    outcomes.update(fetched)
    for url, outcome in fetched.items():
        if outcome.settled:
            cache[url] = (now, outcome)
    if fetched:
        save_cache(cache_file, cache)
    problems = []
    for url, url_links in by_url.items():
        for link in url_links:
            problem = problem_for(link, outcomes[url], config)
            if problem is not None:
                problems.append(problem)
    return problems, len(by_url)
