"""Where a build's time goes, by plugin: ``python -m build_report --timings …``.

Not a plugin of its own: ``__main__.py`` calls :func:`install` before Pelican starts, and
:func:`report` after it has finished. Once every plugin has registered (Pelican's
``initialized`` signal), each signal receiver is replaced in place by a timed wrapper (and
once more when every file has been read, for a receiver a plugin connects during the build,
such as the link checker's check on ``finalized``), and so
are the two hooks that are classes rather than receivers: the Writer a ``get_writer`` receiver
returns (its ``write_file``) and the readers a ``readers_init`` receiver puts in place (their
``read``). Pelican's own rendering (``Writer.write_file``) and Markdown's conversion are timed
too, so that they can be taken out of the plugin's figure: every timed region counts only its
own seconds, without the regions nested in it (a receiver of ``content_written`` runs inside
Pelican's write). What is left of the build is Pelican's.

Wall-clock seconds from ``time.perf_counter``; the wrapping itself costs about a microsecond a
call. Meant for finding where time goes (bench/RESULTS.md), not for exact figures.
"""

import functools
import time
import weakref
from collections import defaultdict

PELICAN_WRITE = "Pelican: render and write a page"
MARKDOWN = "Markdown conversion (stock Pelican does it too)"

#: label -> [own seconds, calls]
totals = defaultdict(lambda: [0.0, 0])
_stack = []  # [label, start, seconds of nested regions] of the regions now running
_started = None


def timed(label, function):
    """``function``, counting its own seconds (minus nested timed regions) under ``label``."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        frame = [label, time.perf_counter(), 0.0]
        _stack.append(frame)
        try:
            return function(*args, **kwargs)
        finally:
            _stack.pop()
            spent = time.perf_counter() - frame[1]
            entry = totals[label]
            entry[0] += spent - frame[2]
            entry[1] += 1
            if _stack:
                _stack[-1][2] += spent

    wrapper.timed_label = label
    return wrapper


def plugin_of(function):
    module = getattr(function, "__module__", "") or ""
    if module.startswith("pelican.plugins."):
        return module.split(".")[2]
    return module.split(".")[0] or "?"


def _wrap_writer(label, writer):
    def write_file(self, *args, **kwargs):
        return writer_write_file(self, *args, **kwargs)

    writer_write_file = writer.write_file
    return type(writer.__name__, (writer,), {"write_file": timed(f"{label}: writer", write_file)})


def _wrap_receiver(signal_name, receiver):
    label = plugin_of(receiver)
    inner = timed(f"{label}: {signal_name}", receiver)
    if signal_name == "get_writer":
        def get_writer(sender, **kwargs):
            writer = inner(sender, **kwargs)
            return _wrap_writer(label, writer) if isinstance(writer, type) else writer
        return get_writer
    if signal_name == "readers_init":
        def readers_init(readers, **kwargs):
            before = dict(readers.reader_classes)
            result = inner(readers, **kwargs)
            for extension, reader in readers.reader_classes.items():
                # A plugin's reader on BaseReader is found by Pelican itself (it registers every
                # subclass), so it may already be in place before the receiver runs.
                mine = reader is not before.get(extension) or plugin_of(reader) == label
                if mine and not hasattr(reader.read, "timed_label"):
                    reader.read = timed(f"{label}: reader", reader.read)
            return result
        return readers_init
    return inner


def wrap_receivers(pelican_object=None):
    """Replace every connected receiver of Pelican's signals by a timed one (in place, so the
    receivers keep their ids and their order)."""
    from blinker import Signal  # noqa: PLC0415 (only a --timings build pays for these)
    from pelican import signals  # noqa: PLC0415 (only a --timings build pays for these)

    for name in dir(signals):
        signal = getattr(signals, name)
        if not isinstance(signal, Signal) or signal is signals.initialized:
            continue
        for receiver_id, held in list(signal.receivers.items()):
            receiver = held() if isinstance(held, weakref.ref) else held
            if receiver is None or hasattr(receiver, "timed_label"):
                continue
            signal.receivers[receiver_id] = _wrap_receiver(signal.name, receiver)
    if pelican_object is not None:
        # A plugin may connect a receiver during the build (the link checker connects its check
        # to ``finalized`` again once every file is read, so that it runs last): once more when
        # every file has been read, after the receivers every plugin connected in register().
        signals.all_generators_finalized.connect(_wrap_late_receivers, weak=False)


def _wrap_late_receivers(generators):
    wrap_receivers()


_wrap_late_receivers.timed_label = None  # not timed itself


def install():
    """Time the build that is about to run in this process."""
    global _started
    import markdown  # noqa: PLC0415 (only a --timings build pays for these)
    from pelican import signals  # noqa: PLC0415 (only a --timings build pays for these)
    from pelican.writers import Writer  # noqa: PLC0415 (only a --timings build pays for these)

    totals.clear()
    _started = time.perf_counter()
    if not hasattr(Writer.write_file, "timed_label"):
        Writer.write_file = timed(PELICAN_WRITE, Writer.write_file)
    for method in ("__init__", "convert"):
        if not hasattr(getattr(markdown.Markdown, method), "timed_label"):
            setattr(markdown.Markdown, method, timed(MARKDOWN, getattr(markdown.Markdown, method)))
    # initialized: every plugin has connected its receivers, and no file has been read.
    signals.initialized.connect(wrap_receivers, weak=False)


def report():
    """Lines for the end of the build: each plugin's own seconds, largest first."""
    if _started is None:
        return []
    whole = time.perf_counter() - _started
    by_plugin = defaultdict(float)
    for label, (seconds, _) in totals.items():
        if label not in (PELICAN_WRITE, MARKDOWN):
            by_plugin[label.split(":")[0]] += seconds
    lines = [f"timings: whole build {whole:.2f} s; each plugin's own seconds "
             f"(without Pelican's rendering and Markdown inside them):"]
    for plugin, seconds in sorted(by_plugin.items(), key=lambda item: -item[1]):
        lines.append(f"  {plugin:<20} {seconds:6.2f} s  {seconds / whole:6.1%}")
    for label, (seconds, calls) in sorted(totals.items(), key=lambda item: -item[1][0]):
        lines.append(f"    {label:<50} {seconds:6.2f} s in {calls:,} calls")
    lines.append(f"  {'all plugins':<20} {sum(by_plugin.values()):6.2f} s  "
                 f"{sum(by_plugin.values()) / whole:6.1%}")
    return lines
