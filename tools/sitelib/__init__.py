"""The small library this project's plugins and commands share. Not a Pelican plugin.

* :mod:`sitelib.fences`: which lines of a Markdown text are inside a fenced code block;
* :mod:`sitelib.findings`: the one message format, ``path:line: error|warning: message``;
* :mod:`sitelib.log_limits`: Pelican's once-per-process log filter, reset before each build
  of a process that builds again (the preview, the tests);
* :mod:`sitelib.languages`: the site's languages (the one list, LANGUAGES) and a page's
  language;
* :mod:`sitelib.outputs`: the output folder a development build may write into;
* :mod:`sitelib.settings`: a plugin's namespaced setting merged over its defaults, and the
  pages a build publishes;
* :mod:`sitelib.yaml_refusals`: YAML's anchors and aliases, which the site's YAML readers refuse.

Importable because ``make`` writes ``plugins/`` and ``tools/`` into the virtual
environment's ``peer-council.pth`` (the one way this project puts its code on the path).
"""
