"""The output folder a development build may write into. Not a Pelican plugin.

``make publish`` leaves ``output/`` a symbolic link to the site it built, checked and published;
``make html``, ``make regenerate`` and ``make devserver`` would write through that link into
the published site (the preview would add its live-reload script and Content-Security-Policy
to it), so they refuse to start. ``make serve`` only reads the folder, so it may show it."""

import os


def linked_output(output, command):
    """Why nothing may be built into ``output``, in words for the terminal, or None when it is
    not a symbolic link. ``command`` is the make target to give another OUTPUTDIR to."""
    if not output or not os.path.islink(output):
        return None
    return (f"{output} is a link to {os.readlink(output)} (`make publish` leaves one to the site it "
            "published), so nothing was built: a development build would overwrite the folder it "
            f"points to. Build elsewhere ({command} OUTPUTDIR={output}-dev), or remove the link "
            f"(rm {output}) to build here again.")
