"""The source text index behind each finding's line (locate.SourceText), on its own."""

from pelican.plugins.link_checker import locate


def test_thousands_of_reference_labels_are_found_in_one_pass(monkeypatch):
    # A file that defines 3,000 labels for one address: each reference is a place, reported at
    # its label's definition, and the text is not searched again for each label.
    count = 3000
    uses = "".join(f"See [page {i}][l{i}].\n" for i in range(count))
    definitions = "".join(f"[l{i}]: /gone/\n" for i in range(count))

    def one_label_at_a_time(*args):
        raise AssertionError("Markdown references are indexed in one pass, not per label")

    monkeypatch.setattr(locate, "_uses", one_label_at_a_time)
    places = locate.SourceText(uses + "\n" + definitions, markdown=True).link_places("/gone/")
    assert [line for _, line in places] == [count + 2 + i for i in range(count)]


def test_reference_forms_and_labels_as_markdown_compares_them():
    text = "[a][Two  Words] [two words][] [TWO WORDS] \\[two words], [two words](/x) [text] [two words]\n"
    found = locate.SourceText(text, markdown=True).references("two words", True)
    assert [text[position:position + 5] for position in found] == ["[a][T", "[two ", "[TWO ", "[text"]


def test_code_and_comments_hold_no_link_places_in_markdown_only():
    text = "```\n[a](/x)\n```\n`[b](/x)` <!-- [c](/x) -->\n~~~~\n<a href=\"/x\">\n~~~~\n[d](/x)\n"
    assert [line for _, line in locate.SourceText(text, markdown=True).link_places("/x")] == [8]
    # reStructuredText (or any other text) is read as it stands.
    assert len(locate.SourceText(text).link_places("/x")) == 5


def test_a_link_is_looked_up_outside_code_first_and_in_it_last():
    text = "```\n[a](/x)\n```\n[b](/x)\n`[c](/y)`\n"
    source = locate.SourceText(text, markdown=True)
    assert locate.find_line(source, locate.written_forms("/x")) == 4
    # Written only as code: still found there rather than nowhere.
    assert locate.find_line(source, locate.written_forms("/y")) == 5
    assert locate.find_line(text, locate.written_forms("/x")) == 2  # not Markdown: as it stands
