"""The sitemap, from pelican-sitemap, with correct hreflang alternates.

pelican-sitemap 1.2.2 writes each translation as ``<xhtml:link … ref="…">`` (``href`` is the
attribute search engines read) and leaves out the page itself, so its alternates are invalid
(a fix is proposed upstream as pelican-plugins/sitemap PR #48). This subclass lets the plugin
write the file as it does, then replaces each ``<url>``'s links with the page's own list
(translations.py: every version, the page itself included, and x-default), so the sitemap and
the pages' ``<link rel="alternate">`` tags always agree.
"""

import logging

from lxml import etree
from pelican.plugins.sitemap import sitemap as pelican_sitemap

log = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def alternates_by_address(items):
    """``{address: [(hreflang, href), …]}`` for every item that has versions in other languages."""
    table = {}
    for item in items:
        versions = getattr(item, "alternates", None)
        if not versions:
            continue
        links = [(v.lang, v.href) for v in versions] + [("x-default", item.x_default)]
        for version in versions:
            if version.current:
                table[version.href] = links
    return table


def correct_alternates(xml_bytes, table):
    """The sitemap with each ``<url>``'s ``xhtml:link`` elements replaced by ``table``'s."""
    root = etree.fromstring(xml_bytes)
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        for link in url.findall(f"{{{XHTML_NS}}}link"):
            url.remove(link)
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", default="").strip()
        for lang, href in table.get(loc, ()):
            etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=href)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


class Sitemap(pelican_sitemap.SitemapGenerator):
    def _write_out(self, pelican):
        super()._write_out(pelican)
        config = pelican.settings.get("SITEMAP", {})
        if config.get("format", "xml") != "xml":
            return
        path = f"{pelican.output_path}/sitemap.xml"
        with open(path, "rb") as f:
            text = f.read()
        table = alternates_by_address(obj for _, obj in self.page_queue if obj is not None)
        try:
            corrected = correct_alternates(text, table)
        except etree.XMLSyntaxError as error:
            # Names that could break the XML are refused before this (front_matter); should one
            # slip through, the sitemap is left as pelican-sitemap wrote it and the build goes on.
            log.error("%s", f"{path}:{error.lineno or 1}: error: the sitemap could not be read back "
                            f"({error.msg}), so its language alternates were not corrected; a page's "
                            "address probably holds a character XML cannot carry: rename that file")
            return
        with open(path, "wb") as f:
            f.write(corrected)


#: One per process, like pelican-sitemap's own: its receivers are this object's methods.
sitemap = Sitemap()
