"""Analysts' idioms and informal names, and the words a document prints for them ("top
line": "revenue", "debt pile": "net debt"). General reporting English, never a corpus's
own wording; :func:`assistant.synonyms.plain_terms` rewrites a question with them.
"""

from __future__ import annotations

IDIOMS = {
    "top line": "revenue",
    "all in": "in total",  # "all in, how much is it putting into the plant?"
    "hand over to customers": "deliver",  # "how many cars did it hand over to customers?"
    "handed over to customers": "delivered",
    "hand over to buyers": "deliver",
    "handed over to buyers": "delivered",
    "handed to customers": "delivered",
    "pure evs": "battery-electric vehicles",  # as carmakers report them
    "pure ev": "battery-electric vehicle",
    "fully electric": "battery-electric",
    "put out": "publish",  # "when did the broker put out its note?"
    "puts out": "publishes",
    "top-line": "revenue",
    "bottom line": "net profit",
    "bottom-line": "net profit",
    "debt pile": "net debt",
    "sticker price": "list price",
    "sticker prices": "list prices",
    "cash generation": "cash flow",
    "payout ratio": "payout ratio",
    "payout": "dividend",
    "payouts": "dividends",
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "finance chief": "chief financial officer",
    "finance director": "chief financial officer",
    "chief exec": "chief executive",
    "rev": "revenue",
    "revs": "revenues",
    "earn per share": "earnings per share",
    "earned per share": "earnings per share",
    "make per share": "earnings per share",
    "made per share": "earnings per share",
    "avg": "average",
    "op margin": "operating margin",  # analysts' shorthand: "op" alone may be an opinion
    "op margins": "operating margins",
    "op profit": "operating profit",
    "op income": "operating income",
    "op cash flow": "operating cash flow",
    "opm": "operating margin",  # "1h opm?", "pumps opm fy31?"
    "gpm": "gross margin",
    "npm": "net margin",
    "fee income": "noninterest income",  # a bank's fees and other income beside its NII
    "adj": "adjusted",
    "adj.": "adjusted",
    "qtr": "quarter",
    "qtrs": "quarters",
    "yr": "year",
    "yrs": "years",
    "div": "dividend",
    "divs": "dividends",
    "divi": "dividend",
    "divis": "dividends",
    "divvy": "dividend",
    "est": "estimate",
    "ests": "estimates",
    "slice of": "share of",
    "on the balance sheet": "held",  # where cash is, not what it is
    "on balance sheet": "held",
    "hand over": "deliver",  # "cars handed over to customers": deliveries
    "hands over": "delivers",
    "handed over": "delivered",
    "handovers": "deliveries",
    "putting up": "reporting",  # "what GMV growth is it putting up?"
    "puts up": "reports",
    "put up": "report",
    "added back": "reported",  # "how much amortisation was added back?": an adjustment's size
    "add back": "report",
    "adds back": "reports",
    "turn over": "generate in revenue",  # "what did the business turn over in the half?"
    "turns over": "generates in revenue",
    "turned over": "generated in revenue",
    "bring in": "generate",  # "what did ancillaries bring in?"
    "brings in": "generates",
    "brought in": "generated",
    "throw off": "generate",  # "how much cash did operations throw off?"
    "throws off": "generates",
    "threw off": "generated",
    "thrown off": "generated",
    "run at": "stand at",  # "what did central costs run at?" asks a level
    "running at": "standing at",
    "ran at": "stood at",
    "on the back of": "with",  # a cause, not a measure
    "mkt": "market",
    "on its own": "alone",  # "general merchandise on its own": no owner's "its"
    "on their own": "alone",
    "by itself": "alone",
    "interest bill": "finance costs",  # what results call the cost of borrowing
    "km": "kilometres",  # "available seat km"
    "semi": "semiconductor",  # "semi backlog", "semis": the chip industry's shorthand
    "semis": "semiconductors",
    "chg": "change",
    "mgn": "margin",  # "q3 ebit mgn?"
    "mgns": "margins",
    "fwd": "forward",
    "half-year balance sheet date": "half-year end",  # a date, not a measure's words
    "year-end balance sheet date": "year end",
    "balance sheet date": "period end",
    "took the knife to": "cut",  # "the broker took the knife to its EBITDA number"
    "take the knife to": "cut",
    "takes the knife to": "cuts",
    "taken the knife to": "cut",
    "pt": "price target",  # "what's the PT on Acme?"
    "share price": "shares",  # "how did the share price react?": how the shares moved
    "share-price": "shares",
    "stock price": "shares",
    "credited with": "given",  # "what share is Acme credited with?": it has
    "came out": "were released",  # "the day the numbers came out": when, not what
    "come out": "are released",
    "share price target": "price target",
    "stock price target": "price target",
    "petrol": "fuel",
    "gasoline": "fuel",
    "xmas": "christmas",
    "yr-ago": "year-ago",
    "yr ago": "year ago",
    "retiring stock": "repurchasing shares",  # "how much did it spend retiring stock?"
    "retiring shares": "repurchasing shares",
    "retire stock": "repurchase shares",
    "retired stock": "repurchased shares",
    # "how much cash did it return to shareholders?": the verb names the measure, which
    # do-support would drop ("what did Acme pay?" asks no payment)
    "return to shareholders": "shareholder returns",
    "return to investors": "shareholder returns",
    "hand back to shareholders": "shareholder returns",
    "hands back to shareholders": "shareholder returns",
    "handed back to shareholders": "shareholder returns",
    "come back": "return",  # "what share of offenders didn't come back?": "not returning"
    "comes back": "returns",
    "came back": "returned",
    "coming back": "returning",
    # "the hit from writing down the warehouses": the writedown (an impairment)
    "writing down": "the writedown of",
    "wrote down": "took a writedown on",
    "written down": "taken a writedown on",
    "cost cutting": "savings",  # "how big is the cost cutting plan?"
    "cost-cutting": "savings",
    "cost cuts": "savings",
    "cut from its costs": "cost savings",  # "how much does it aim to cut from its costs?"
    "cut from costs": "cost savings",
    "take out of its costs": "cost savings",
    "take out of costs": "cost savings",
    "order intake": "orders",  # "Valves order intake rose 12%": "orders up 12%"
    # "how much did Acme pay for Globex?" asks a price, which do-support would drop
    "pay for": "pay a price for",
    "paid for": "paid a price for",
    "order inflow": "orders",
    # "the value of new orders it booked": a verb of reporting, not a book-to-bill's "book"
    "booked": "reported",
    "pax": "passengers",
    "sw": "software",  # "sw rev", "sw engineers"
    "cons": "consensus",  # "q4 eps vs cons"
    "nd": "net debt",  # "nd/ebitda"
    "before one-offs": "underlying",  # "profit before one-offs": before exceptional items
    "excluding one-offs": "underlying",
    "ex one-offs": "underlying",
    "without one-offs": "underlying",
    "stripping out one-offs": "underlying",
    "one-offs stripped out": "underlying",  # "EPS with one-offs stripped out"
    "one-offs are stripped out": "underlying",
    "order book": "backlog",  # work booked and not yet delivered, not the orders taken
    "b2b": "book-to-bill",  # "b2b q4": orders over sales, as industrials report it
    "vol": "volume",  # "pumps vol"
    "vols": "volumes",
    "retirement scheme": "pension scheme",
    "retirement schemes": "pension schemes",
    "per share before adjustments": "basic per share",  # basic EPS
    "wear-and-tear and amortisation": "depreciation and amortisation",  # D&A
    "wear and tear and amortisation": "depreciation and amortisation",
    "wear-and-tear and amortization": "depreciation and amortization",
    "wear and tear and amortization": "depreciation and amortization",
    # (whole, so that "earn per share" does not take the words before "before adjustments")
    "earn per share before adjustments": "basic earnings per share",
    "earned per share before adjustments": "basic earnings per share",
    "eps before adjustments": "basic eps",
    "mkts": "markets",
    "aftermkt": "aftermarket",
    "/sh": " per share",  # "div/sh", "eps/sh"
    "yearly": "annual",  # "yearly savings": a year's worth
    "infra": "infrastructure",
    "mgmt": "management",
    "grp": "group",  # "grp deliveries h1?"
    "uop": "underlying operating profit",  # as UK retailers and their analysts write
    "govt": "government",
    "ppl": "people",
    "thru": "through",
    "w/": "with",
    "war chest": "budget",
    "the street's": "the consensus",
    "pencilling in": "expecting",  # "what was the street pencilling in for Q1 sales?"
    "penciling in": "expecting",
    "pencilled in": "expected",
    "penciled in": "expected",
    "street estimate": "consensus estimate",
    # a consensus the company gathers from analysts: still the street's, no company figure
    "company-compiled consensus": "consensus",
    "company-compiled": "compiled",
    "company compiled": "compiled",
    "street estimates": "consensus estimates",
    "worth on the stock market": "market cap",  # what the shares are worth together
    "stock market value": "market cap",
    "earnings multiple": "p/e",  # the price over a year's earnings per share
    "coders": "software engineers",
    "head-office costs": "central costs",  # what a group's centre costs
    "head office costs": "central costs",
    "head-office overhead": "central costs",
    "add-ons": "ancillaries",  # what is sold beside the main product (bags, seats, cover)
    "extras": "ancillaries",
}


__all__ = ["IDIOMS"]
