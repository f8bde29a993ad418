"""Security policy: a Content-Security-Policy and a referrer policy on every page, and the same
policy as real HTTP headers for hosts that read a ``_headers`` file (Netlify, Cloudflare Pages).

GitHub Pages cannot send headers, so every page carries the policy itself, in
``<meta http-equiv="Content-Security-Policy">`` (theme/templates/base.html asks the Jinja global
``content_security_policy()`` for it) and ``<meta name="referrer">`` (``referrer_policy``). The
policy is as strict as the site allows: everything from this site only, no inline script or
style, no plugins, no <base>, forms only to this site. A browser test loads every page and fails
on any violation.

A page that needs more (issue 14's search page will need ``'wasm-unsafe-eval'`` and
``worker-src 'self'``) says so in its own template, before it extends base.html::

    {% set csp_extra = {"script-src": ["'wasm-unsafe-eval'"], "worker-src": ["'self'"]} %}

Only that page's policy grows, in its <meta> and in its own rule of ``_headers``.

A <meta> policy cannot say ``frame-ancestors`` (browsers ignore it there), so that, with
``X-Content-Type-Options``, ``Referrer-Policy`` and ``Permissions-Policy``, is only in
``_headers``.

Settings, merged over :data:`DEFAULTS`: ``SECURITY_POLICY = {"csp": {...}, "referrer": ...}``.
"""

import html
import logging
import os

from markupsafe import Markup
from pelican import signals

from sitelib.settings import merge_settings

log = logging.getLogger(__name__)

SETTING = "SECURITY_POLICY"
DEFAULTS = {
    # Directive -> sources, in the order written.
    "csp": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
    },
    # Links to other sites send nothing about the page a reader came from.
    "referrer": "no-referrer",
    # Only in the _headers file (a <meta> policy cannot hold them).
    "header_only_csp": {"frame-ancestors": ["'none'"]},
    "headers": {
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    },
    # Written to output/ for Netlify and Cloudflare Pages; "" writes none.
    "headers_file": "_headers",
}


def _is_policy(value):
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, (list, tuple)) and all(isinstance(s, str) for s in v)
        for k, v in value.items())


def get_config(settings):
    return merge_settings(settings, SETTING, DEFAULTS, log, "security_policy", valid={
        "csp": (_is_policy, "a dict of directive -> list of sources"),
        "header_only_csp": (_is_policy, "a dict of directive -> list of sources"),
        "referrer": (lambda v: isinstance(v, str) and v, "a referrer policy such as no-referrer"),
        "headers": (lambda v: isinstance(v, dict), "a dict of header -> value"),
        "headers_file": (lambda v: isinstance(v, str), 'a file name, or "" for none'),
    })


def merge_policy(*policies):
    """One policy from several (later ones add sources), without repeating a source."""
    merged = {}
    for policy in policies:
        for directive, sources in (policy or {}).items():
            merged.setdefault(directive, [])
            merged[directive] += [s for s in sources if s not in merged[directive]]
    return merged


def policy_text(policy):
    """ "default-src 'self'; object-src 'none'" from a policy dict."""
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


#: Where the current build's :class:`Build` lives: in its settings, which every generator and
#: the Pelican object share. Made when the first generator starts, removed when the _headers
#: file is written, so nothing outlives a build (the live preview runs many in one process).
BUILD_KEY = "SECURITY_POLICY_BUILD"


class Build:
    """What one build's pages asked for beyond the base policy: URL -> extra directives."""

    def __init__(self):
        self.extras = {}


class PolicyForTemplates:
    """The Jinja global ``content_security_policy(extra)``: the page's policy as text."""

    def __init__(self, config, build):
        self.config = config
        self.build = build
        # Most pages ask for nothing more: their policy is worked out once, not for each page.
        self.base = self._text(None)

    def _text(self, extra):
        # Escaped for a double-quoted attribute; the policy's own 'quotes' stay readable.
        text = policy_text(merge_policy(self.config["csp"], extra))
        return Markup(html.escape(text, quote=False).replace('"', "&quot;"))

    def __call__(self, extra=None, output_file=None):
        if extra and output_file:
            self.build.extras[output_file.replace(os.sep, "/")] = extra
        return self._text(extra) if extra else self.base


def add_globals(generator):
    config = get_config(generator.settings)
    build = generator.settings.setdefault(BUILD_KEY, Build())
    generator.env.globals["content_security_policy"] = PolicyForTemplates(config, build)
    generator.env.globals["referrer_policy"] = config["referrer"]


def _url_pattern(output_file):
    """The _headers path for an output file: "search/index.html" -> "/search/"."""
    if output_file == "index.html":
        return "/"
    if output_file.endswith("/index.html"):
        return "/" + output_file[: -len("index.html")]
    return "/" + output_file


def headers_text(config, extras):
    """The _headers file: every page's headers, then one rule per page with a wider policy."""
    base = merge_policy(config["csp"], config["header_only_csp"])
    lines = ["# Written by plugins/security_policy at every build; change SECURITY_POLICY in",
             "# pelicanconf.py instead of this file.", "/*",
             f"  Content-Security-Policy: {policy_text(base)}",
             f"  Referrer-Policy: {config['referrer']}"]
    lines += [f"  {name}: {value}" for name, value in config["headers"].items()]
    for output_file, extra in sorted(extras.items()):
        # "! Content-Security-Policy" detaches the /* policy (Cloudflare Pages), so only this
        # page's own, wider policy applies to it.
        lines += [_url_pattern(output_file), "  ! Content-Security-Policy",
                  f"  Content-Security-Policy: {policy_text(merge_policy(base, extra))}"]
    return "\n".join(lines) + "\n"


def write_headers(pelican):
    config = get_config(pelican.settings)
    build = pelican.settings.pop(BUILD_KEY, None) or Build()
    if config["headers_file"]:
        path = os.path.join(pelican.output_path, config["headers_file"])
        with open(path, "w", encoding="utf-8") as f:
            f.write(headers_text(config, build.extras))


def register():
    # generator_init: the Jinja environment exists and no template has been loaded yet.
    signals.generator_init.connect(add_globals)
    # finalized: every page is written, so every page's wider policy is known.
    signals.finalized.connect(write_headers)
