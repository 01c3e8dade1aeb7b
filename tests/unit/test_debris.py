"""Debris: page furniture of a made-up web capture never survives; kept lines are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.debris import clean_text
from assistant.formats import find_date
from assistant.tickers import remove_ticker_tags

SAINSBURY = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "sainsbury-q1-2026"

# A made-up capture of a news page, with the furniture that real captures carry.
CAPTURE = """Widgetco (Q3 Update): strong quarter | Example Markets

### Market research

https://www.example.com/research/all

# Widgetco (Q3 Update): strong quarter

Widgetco had a strong third quarter, and its outlook is unchanged.

Written by

Maria LopezSenior Analyst

Published Oct 12, 2026

0%

View factsheet

Sign up for email updates

Prices delayed by at least 15 minutes

Widgetco's third-quarter revenue rose 4.2% to €3.1bn, ahead of expectations.
Shares of WidgetcoWDG-- rose 2% while rival $GZMO fell.

## Our view

The group keeps gaining share in Europe, although the home market stays soft.

Latest from Market research

- Next week on the markets
- Gizmo Group (Q2 Update): a soft half
- Three stocks to watch

### Latest Chat

- WDG. I told you all this would ha...
- GZM. Anyone holding through the re...

Weekly Newsletter

Sign up for Market insight. Get our team's key takeaways direct to your inbox every Friday.

Written by

Maria LopezSenior Analyst

Maria is a member of the research team. She covers industrial companies across Europe.

Article history

Published: 12th October 2026
"""

DEBRIS = [
    "| Example Markets",
    "https://",
    "Written by",
    "Maria Lopez",
    "Maria is a member",
    "Published Oct 12",
    "View factsheet",
    "Sign up",
    "Prices delayed",
    "Next week on the markets",
    "Three stocks to watch",
    "I told you all",
    "Weekly Newsletter",
    "Latest",
    "Article history",
    "WDG--",
    "$GZMO",
    "Market research",
]


@pytest.mark.parametrize("debris", DEBRIS)
def test_furniture_is_removed(debris: str) -> None:
    assert debris not in clean_text(CAPTURE, author="Maria Lopez, Senior Analyst")


def test_lone_figures_are_removed() -> None:
    lines = clean_text(CAPTURE).splitlines()
    assert "0%" not in lines
    assert all(any(char.isalpha() for char in line) for line in lines if line)


def test_kept_lines_are_unchanged_apart_from_ticker_tags() -> None:
    cleaned = clean_text(CAPTURE, author="Maria Lopez")
    original = remove_ticker_tags(CAPTURE)
    for line in cleaned.splitlines():
        assert line in original.splitlines(), line
    assert "Widgetco's third-quarter revenue rose 4.2% to €3.1bn, ahead of expectations." in cleaned
    assert "Shares of Widgetco rose 2% while rival fell." in cleaned
    assert "## Our view" in cleaned.splitlines()


def test_a_heading_with_nothing_under_it_goes() -> None:
    assert clean_text("## Empty\n\n## Full\n\nRevenue rose 5% in the year.") == (
        "## Full\n\nRevenue rose 5% in the year.\n"
    )


def test_everything_after_the_reference_list_is_footer() -> None:
    text = (
        "Revenue rose 5% [1].\n\nSources\n\n[1] A report, https://example.com/a\n\n"
        "Columnist Bot. No bias. Just the story.\nLatest Articles\n"
    )
    cleaned = clean_text(text)
    assert "[1] A report, https://example.com/a" in cleaned
    assert "No bias" not in cleaned and "Latest" not in cleaned


def test_a_sentence_broken_across_lines_is_joined() -> None:
    text = "• Customers saved more than £16 on a shop, with around\n\n11,000 products on offer\n"
    assert clean_text(text) == (
        "• Customers saved more than £16 on a shop, with around 11,000 products on offer\n"
    )
    assert clean_text("Costs rose in the\nsecond half of the year.\n") == (
        "Costs rose in the second half of the year.\n"
    )


def test_a_plain_notes_full_width_line_goes_on_in_the_next_whatever_it_starts_with() -> None:
    note = (
        "Orders rose 31% YoY to JPY 84.6bn in 1H and the segment backlog reached\n"
        "JPY 96.8bn at end-September. The guidance assumes USD/JPY 145.\n"
    )
    assert "backlog reached JPY 96.8bn at end-September." in clean_text(note, plain=True)
    # Rows of a table, a short line, or a line that ends a sentence stay apart.
    row = "Revenue (NZ$m) -- FY25A: 1,154.5; FY26A: 1,220.7; FY27F: 1,291.0; FY28F: 1,352.4"
    rows = f"{row}\n{row.replace('Revenue', 'EBITDA')}\n"
    assert "1,352.4 EBITDA" not in clean_text(rows, plain=True)
    assert "reached JPY" not in clean_text("The backlog reached\nJPY 96.8bn in September.\n")


def test_real_lists_and_short_figure_bullets_stay() -> None:
    text = "Highlights\n\n- Revenue up 5%\n- Margin 20.5%\n- Cash £1.2bn\n"
    assert clean_text(text) == "## " + text  # the title line introduces the list


def test_clean_markdown_is_left_alone() -> None:
    text = (
        "Acme grew fast. It now leads [1].\n\n## Risks\n\n1. Margins: Cuts hurt.\n"
        "2. Rules: New rules bite [2].\n\n## Sources\n\n[1] One, https://a.example/1\n\n"
        "[2] Two, https://a.example/2\n"
    )
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("shares of NvidiaNVDA-- rose", "shares of Nvidia rose"),
        ("rivals like the gapGAP-- closed", "rivals like the gap closed"),
        ("AlibabaBABA-- Cloud", "Alibaba Cloud"),
        ("IBMIBM-- rose", "IBM rose"),
        ("Acme ACME-- shares", "Acme shares"),
        ("Goldman Sachs ($GS) rose", "Goldman Sachs rose"),
        ("Buy $GS now", "Buy now"),
        ("It cost $5 today", "It cost $5 today"),
        ("growth--driven by AI", "growth--driven by AI"),
    ],
)
def test_ticker_tags(raw: str, clean: str) -> None:
    assert remove_ticker_tags(raw) == clean


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published Jun 30, 2026\nOther 1 May 2020", "2026-06-30"),
        ("Intro text.\n\n30 June 2026\n", "2026-06-30"),
        ("Updated: 2nd March 2025", "2025-03-02"),
        ("Posted on 2024-11-05 by staff", "2024-11-05"),
        ("No date in here at all.", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_real_capture_loses_its_furniture() -> None:
    raw = (SAINSBURY / "article.md").read_text(encoding="utf-8")
    cleaned = clean_text(raw.split("\n---\n", 1)[1], author="Aarin Chiekrie, Equity Analyst")
    for debris in ("Prices delayed", "View factsheet", "Sign up", "Written by", "Latest from"):
        assert debris not in cleaned
    assert "0%" not in cleaned.splitlines()
    assert "Aarin is a member" not in cleaned
    assert "Sainsbury\u2019s first-quarter sales rose 2.7% to £9.2bn" in cleaned


# Another made-up page, of a different site's layout, never seen while writing the rules.
UNSEEN = """We use cookies to improve your experience. By continuing you accept them.

Skip to main content

# Gizmo Group cuts its outlook

By Tom Baker

Updated: 3 March 2026 at 09:15 GMT

Share this article

Gizmo Group cut its full-year sales outlook to $12.5bn from $13bn on Tuesday. The company
blamed weaker demand in Asia.

(Photo by Jane Doe/Example Images)

Read more: Rival posts a loss in Europe as costs jump

Advertisement

Chief executive Lee Park said the second half would be better than the first.

Related stories

- Gizmo names a new finance chief
- Why chip stocks fell this week
- The market in charts

Reporting by Tom Baker; Editing by Ann Lee

© 2026 Example News Ltd. All rights reserved.

Follow us on social media
"""


def test_unseen_layout_keeps_only_the_article() -> None:
    cleaned = clean_text(UNSEEN)
    assert find_date(UNSEEN) == "2026-03-03"
    assert cleaned == (
        "# Gizmo Group cuts its outlook\n\n"
        "Gizmo Group cut its full-year sales outlook to $12.5bn from $13bn on Tuesday. "
        "The company blamed weaker demand in Asia.\n\n"  # a soft-wrapped line is joined
        "Chief executive Lee Park said the second half would be better than the first.\n"
    )


def test_plain_text_capture_gets_headings_and_loses_its_footer() -> None:
    raw = (
        "Acme bets on robots\nAcme has committed $5 billion to robots [1].\n"
        "Risks Ahead\n1. Costs: Robots are expensive.\n2. Rules: Regulators may object [1].\n"
        "Source:\n[1] Acme robots, [https://example.com/robots]\n"
        "Writer Bot. The Strategist. No panic.\nLatest Articles\n"
    )
    assert clean_text(raw, plain=True) == (
        "## Acme bets on robots\n\nAcme has committed $5 billion to robots [1].\n\n"
        "## Risks Ahead\n\n"
        "1. Costs: Robots are expensive.\n2. Rules: Regulators may object [1].\n\nSource:\n\n"
        "[1] Acme robots, [https://example.com/robots]\n"
    )


def test_chart_labels_lose_their_run_but_not_the_text_around() -> None:
    text = (
        "## Price gaps\n\nOur prices moved against every rival this quarter.\n\n"
        "North\n\n+30bps -20bps\n\nSouth\n\n-90bps\n\nThe gap to the cheapest rival is 2%.\n"
    )
    assert clean_text(text) == (
        "## Price gaps\n\nOur prices moved against every rival this quarter.\n\n"
        "The gap to the cheapest rival is 2%.\n"
    )


def test_a_notes_labelled_key_figures_are_kept_where_chart_labels_are_not() -> None:
    text = (
        "ACME CORP (ACM)\n\nRating: HOLD (from BUY)\n"
        "Price target: EUR 11.40 (previous: EUR 13.20)\n"
        "Implied upside: 12.0%\nMarket cap: EUR 4.2bn\nShares in issue: 412m\n\n"
        "Acme had a good quarter.\n\nNorth\n\n+30bps\n\nRNS Number : 2616K\n\n"
        "The gap to the cheapest rival is 2%.\n"
    )
    cleaned = clean_text(text)
    assert "Implied upside: 12.0%" in cleaned
    assert "Market cap: EUR 4.2bn" in cleaned
    assert "+30bps" not in cleaned and "2616K" not in cleaned
    # A field with its value is no heading over the prose that follows it.
    plain = clean_text(
        "Market cap:    EUR 4.2bn\nShares in issue:    412m\nAcme had a good year.\n", plain=True
    )
    assert "## Shares in issue" not in plain and "Shares in issue: 412m" in plain


def test_rows_of_a_plain_text_table_stay_apart_when_the_text_is_cleaned() -> None:
    text = (
        "PEER COMPARISON\n\n"
        "  Bank                          Ticker   NIM      Efficiency ratio   CET1 ratio\n"
        "  Thornfield Bancorp            TFBC     3.42%    56.3%              10.8%\n"
        "  Kessel Valley Financial       KVFC     3.18%    59.4%              11.2%\n"
    )
    cleaned = clean_text(text, plain=True)
    rows = [line for line in cleaned.splitlines() if "\u2014" in line]
    assert [row.split(" \u2014 ")[0] for row in rows] == [
        "Thornfield Bancorp",
        "Kessel Valley Financial",
    ]


def test_a_contact_line_before_a_list_says_who_holds_a_role_and_is_no_heading() -> None:
    items = "\n\n- Revenue rose 5% to EUR 1.2bn\n- Margin fell to 9.1%\n"
    cleaned = clean_text(f"The report is out.\n\nJane Roe, Head of Investor Relations{items}")
    assert "\nJane Roe, Head of Investor Relations\n" in cleaned
    assert "## Jane Roe" not in cleaned
    # A short title over a list still heads it.
    assert "## Key figures" in clean_text(f"The report is out.\n\nKey figures for the half{items}")


def test_a_section_title_glued_to_a_bullets_figure_is_set_on_its_own_line() -> None:
    # PDF text runs the next section's title into the bullet before it.
    text = (
        "# Outlook\n\n"
        "• We expect capital expenditure of between £400 million and £450 million Free cash flow\n"
        "• We expect to generate more than £200 million of free cash flow in 2026/27 Net Debt\n"
        "• We continue to target net debt to EBITDA of 2.5x to 2.0x\n"
    )
    cleaned = clean_text(text)
    assert "and £450 million\n\n## Free cash flow\n\n• We expect to generate" in cleaned
    assert "in 2026/27\n\n## Net Debt\n\n• We continue" in cleaned


@pytest.mark.parametrize(
    "items",
    [
        # what a figure counts, which the next bullet does not open with as a title
        "• We opened 25 Local stores\n• Sales rose 4%\n",
        "• Signed a $5 billion Azure contract\n• Margin was 9.1%\n",
        # a count without a unit names what it counts, whatever the next bullet says
        "• We opened 25 Local stores\n• Local stores now make up 12% of sales\n",
        # no next bullet to head
        "• Revenue was £850 million Retail free cash flow\n\nRetail free cash flow was up.\n",
    ],
)
def test_a_bullet_ending_in_capitalised_words_is_left_whole(items: str) -> None:
    first = items.splitlines()[0]
    assert f"{first}\n" in clean_text(f"# Results\n\n{items}")
