"""What people type becomes HTML: the Markdown they use shows as it did under Python-Markdown,
tables show with the cells typed, and the bounds that keep the work linear lose no text.
(Hostile shapes through the views: tests/security/test_hostile_input.py.)"""

from pd_platform.sanitize import RAW_HTML_TAGS, render_user_text


def test_the_markdown_people_use_shows_as_before():
    html = render_user_text(
        "My **three** targets, *in order*:\n\n"
        "1. I can compare fractions.\n2. I can add `1/2 + 1/3`.\n\n"
        "- one\n- two\n\n"
        "> A quoted line  \nand its second line\n\n"
        "### Evidence\n\n#### Next steps\n\n"
        "    indented code\n\n"
        "See [the rubric](https://example.org/rubric) or <mailto:coach@example.org>.\n\n"
        "A line that goes on\nto the next."
    )
    assert "<p>My <strong>three</strong> targets, <em>in order</em>:</p>" in html
    assert "<ol>\n<li>I can compare fractions.</li>\n<li>I can add <code>1/2 + 1/3</code>.</li>\n</ol>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<blockquote>\n<p>A quoted line<br>\nand its second line</p>\n</blockquote>" in html
    assert "<h3>Evidence</h3>" in html and "<h4>Next steps</h4>" in html
    assert "<pre><code>indented code\n</code></pre>" in html
    assert '<a href="https://example.org/rubric" rel="noopener noreferrer nofollow">the rubric</a>' in html
    assert '<a href="mailto:coach@example.org" rel="noopener noreferrer nofollow">' in html
    assert "<p>A line that goes on\nto the next.</p>" in html


def test_big_headings_and_raw_html_are_kept_as_far_as_they_were():
    html = render_user_text("# My plan\n\n<u>underlined</u> <script>alert(1)</script> <img src=x onerror=alert(1)>")
    assert "<h1>" not in html and "My plan" in html  # only h3 and h4 fit inside a page
    assert "<u>underlined</u>" in html
    assert "script" not in html and "onerror" not in html and "alert" not in html


def test_links_go_to_the_web_or_to_mail_only():
    html = render_user_text("[click](javascript:alert(1)) [file](file:///etc/passwd) [ok](https://example.org)")
    assert "javascript" not in html and "file:" not in html
    assert html.count("href=") == 1


def test_a_list_may_follow_a_line_of_text_directly():
    assert "<p>My targets:</p>\n<ul>\n<li>one</li>" in render_user_text("My targets:\n- one\n- two")


def test_a_table_shows_the_cells_typed_in_it():
    html = render_user_text("| Mark | Meaning |\n|---|:-:|\n| M | mastered |\n| N |\n| P | progressing | extra |")
    assert "<thead>\n<tr>\n<th>Mark</th>\n<th>Meaning</th>\n</tr>\n</thead>" in html
    assert "<tr>\n<td>M</td>\n<td>mastered</td>\n</tr>" in html
    assert "<tr>\n<td>N</td>\n</tr>" in html  # a short row is not filled with empty cells
    assert "<td>progressing</td>\n</tr>" in html and "extra" not in html
    assert render_user_text("a | b\n--|--").count("<th>") == 2
    assert "<table>" not in render_user_text("a | b\nc | d")


def test_text_nested_deeper_than_quotes_and_lists_go_is_shown_without_them():
    html = render_user_text(">" * 30 + " the quote\n\n" + "- " * 30 + "the item\n\nAfter it.")
    assert "the quote" in html and "the item" in html and "<p>After it.</p>" in html
    shallow = render_user_text("> > a quote in a quote\n\n- a\n  - b")
    assert shallow.count("<blockquote>") == 2 and shallow.count("<ul>") == 2


def test_raw_html_past_the_first_tags_shows_as_typed():
    html = render_user_text("<b>bold</b> " + "<i>x</i>" * RAW_HTML_TAGS)
    kept = (RAW_HTML_TAGS - 2) // 2
    assert "<b>bold</b>" in html and html.count("<i>x</i>") == kept
    assert html.count("&lt;i&gt;x&lt;/i&gt;") == RAW_HTML_TAGS - kept
