"""Takes the page furniture of news sites out of a scraped article, keeping the paragraphs worth quoting.

The rules describe kinds of furniture (navigation links, sale banners, legal text, captions and
credits, stamps, comments, subscription pitches), never the sentences of particular files, so that
they also hold for the next article from another site. Every removed line is kept with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from bot.core.ingest.body import Line, copies_of_smaller_lines, is_link_row, select_body
from bot.core.models import Removed
from bot.core.timeline.dates import CLOCK_TIME, FULL_DATE, find_full_dates

# A line at which the article is over: what follows is comments, feedback widgets, legal text or link lists.
_END_OF_ARTICLE = re.compile(
    r"(?:(?<!\d)\d{1,6}\s+|latest\s+|reader\s+|show\s+|view\s+|all\s+)?comments?(?:\s*+\(\d{1,6}\))?"
    r"|(?:leave|post|add|write|join)\s+(?:a|the)\s+(?:comment|reply|discussion|conversation)\b.*"
    r"|send\s+(?:us\s+)?feedback|how\s+can\s+we\s+improve\??|was\s+this\s+(?:article|story|page)\s+(?:helpful|useful)\??"
    r"|(?:risk\s+disclosure|disclaimer|legal\s+notice)\s*:.*"
    r"|(?:related|recommended|more)\s+(?:articles|stories|news|content|coverage|from\s+\w+.*)"
    r"|you\s+(?:may|might)\s+also\s+like|most\s+(?:read|popular|viewed)|related\s+topics",
    re.IGNORECASE,
)

# Each "skip to ..." link is an atomic group starting at a word: a run of links can be split only one way,
# so a near miss fails at once instead of trying every split (issue #9).
_NAVIGATION = re.compile(
    r"(?:(?<!\d)\d{1,3}\.\s*+)?(?>\b(?:skip|go|jump|back)\s+to\s+(?:the\s+)?[\w-]++(?:\s+(?!(?:skip|go|jump|back)\b)[\w-]++){0,3}\s*)++"
    r"|menu|search|home|close|share|print|e-?mail|advertisement|advert|sponsored(?:\s+content)?"
    r"|share\s+(?:this|on)\b.{0,40}|follow\s+us\b.{0,40}|(?:click|tap)\s+here\b.{0,60}"
    r"|(?:read|see)\s+(?:more|also)\b[^.!?]{0,120}",
    re.IGNORECASE,
)

_PROMOTION = re.compile(
    r"\b\d{1,2}\s?%\s+off\b|\bclaim\s*(?:sale|offer|deal|discount)\b|\b(?:sale|offer|discount)\s+ends\b"
    r"|\bfree\s+trial\b|\bsubscribe\s+(?:now|today)\b|\bunlimited\s+(?:digital\s+)?access\b",
    re.IGNORECASE,
)

# Subscription pitches: a subscription word addressed to the reader, or the site praising its own journalism.
_PITCH_WORD = re.compile(r"\bsubscri(?:be|bing|ption|ber)s?\b|\bnewsletter\b|\bdonat(?:e|ion)\b|\bmembership\b", re.I)
_READER = re.compile(r"\b(?:you|your|us|our|we)\b", re.IGNORECASE)
_OWN_JOURNALISM = re.compile(
    r"\b(?:quality|independent|trusted|fact-based|public-interest)\s+journalism\b"
    r"|\bsupport\s+(?:us|our\s+(?:work|journalism|newsroom|reporting))\b|\bbecome\s+a\s+(?:member|subscriber|supporter)\b",
    re.IGNORECASE,
)

# "the terms and conditions of the offer" is business prose: only a site's own terms are legal text.
_LEGAL = re.compile(
    r"all\s+rights\s+reserved|terms\s+(?:of\s+(?:use|service)|and\s+conditions)(?!\s+of\b)|privacy\s+policy|cookie\s+(?:policy|settings)"
    r"|not\s+(?:necessarily\s+)?(?:real-time|accurate)|accept\s+(?:any\s+)?liability|(?:prior\s+)?written\s+permission"
    r"|intellectual\s+property\s+rights|may\s+be\s+compensated\s+by|(?:this|our)\s+(?:web)?site\s+uses\s+cookies",
    re.IGNORECASE,
)

_COPYRIGHT = re.compile(r"(?:©|\(c\)\s|copyright\b)\s*(?P<holder>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3})?", re.I)

# "Image: Getty Images/AFP", "Photograph: Jane Doe/Reuters": a credit alone or ending a caption line.
_CREDIT = re.compile(
    r"(?:^|\s)(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|credits?|video)\s*+(?:credit)?\s*+:\s*+\S.*$",
    re.IGNORECASE,
)
# The same credit closing a caption line: "Protesters in Seoul. Photograph: Jung Yeon-je/AFP".
# Searched only after the line's last full stop, so no scan runs on to the end of the line from every match.
_INLINE_CREDIT = re.compile(r"\s(?:Photo(?:graph)?|Image|Picture|Illustration|Credit)s?:\s*+[A-Z]")
# A credit closing a caption without a label: "... in Hanoi. (AP Photo/Hau Dinh)", "... 2001 [File: Reuters]",
# "Natalie Naccache | Bloomberg | Getty Images", "Jane Doe Submitted photo". Searched in the line's last characters.
_CREDIT_END = re.compile(
    r"(?:\bGetty(?:\s+Images)?|\bSubmitted\s+photo|\[(?:File|Photo|Image)s?:[^\[\]]{1,60}\]"
    r"|\((?:AP|AFP|Reuters|EPA|Xinhua)\s+Photos?\b[^()]{0,80}\)(?:\s+(?:less|more))?)$",
    re.IGNORECASE,
)
_CREDIT_END_CHARS = 120
# "Image source, Getty Images", "Image caption, Protesters...": labelled media furniture.
# BBC pages copied as text lose the comma: "Image copyright Getty Images", "Image caption Protesters...".
_MEDIA_LABEL = re.compile(
    r"(?:image|photo|video|media)\s+(?:source|caption|credit|copyright)s?(?:\s*[,:]|\s+(?=(?-i:[A-Z@])))", re.I
)
# "Jane Doe is a Beijing-based correspondent for ...": an author's bio, a kind of line, not a site's sentence.
_BIO = re.compile(
    r"(?<![\w'’-])[A-Z][\w.'’-]{0,30}+(?: [A-Z][\w.'’-]{0,30}+){1,3} (?:is|was) (?:a|an|the) [^.]{0,80}?\b"
    r"(?:reporter|correspondent|writer|editor|columnist|journalist|contributor|producer|author)s?\b"
)
# "Associated Press writer Jane Doe contributed to this report."
_CONTRIBUTOR = re.compile(r"\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|story|article)(?:ing)?\b", re.IGNORECASE)
_CAPTION_START = re.compile(
    r"(?:(?:this|the|a|an)\s+)?(?:undated\s+|file\s+|handout\s+){0,3}+(?:image|photo(?:graph)?|picture|screen\s?(?:grab|shot)|"
    r"video\s+still)s?\s+(?:shows|showing|taken|released|provided|from|of)\b"
    # The agencies' caption opening: "In this Dec. 12, 2006, file photo, ...", "In this photo taken on ...".
    r"|in\s+th(?:is|ese)\s+[\w.,' -]{0,40}?\b(?:image|photo(?:graph)?|picture)s?"
    r"(?:,|\s+(?:taken|made|released|provided|from|shows|showing)\b)",
    re.IGNORECASE,
)
# A sentence followed by an agency or photographer credit in brackets: "...the flag. (Yonhap)".
_TRAILING_CREDIT = re.compile(r"[.!?][\"”’']?\s*\((?P<credit>[A-Z][\w.&-]*(?:[ /][A-Z][\w.&-]*){0,3})\)\s*$")
# Editors' initials and agencies closing wire copy: "ls/se (Reuters, AFP)".
_SIGN_OFF = re.compile(r"(?:[a-z]{1,4}(?:/[a-z]{1,4}){1,3}\s*)?\((?P<credit>[A-Z][\w. ]*+(?:,\s*+[A-Z][\w. ]*+)*+)\)")
_EDITOR_NOTE = re.compile(
    r"\(\s*+(?:[A-Z]{2,}\s*+:|(?:ATTN|UPDATE[SD]?|CORRECT(?:S|ED|ION)|RECASTS?|ADDS|REPEATS|EDS|REFILE[SD]?)\b)[^()]*+\)"
)
_BYLINE = re.compile(
    r"(?:[•·|]|by|from)\s+(?P<credit>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von)){0,5})", re.I
)
# Only the opening word: a stamp line already holds a date or a time.
_STAMP = re.compile(r"(?:published|updated|posted|last\s+updated|first\s+published|modified)\b")
_STAMP_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|first|modified|on|at|by|am|pm|gmt|utc|[a-z]st|kst|jst|"
    r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE,
)
# Wire-service tags before a headline: "(LEAD)", "(2ND LD)", "UPDATE 1-".
# Words in a tag are separated by exactly one space, so a tag missing its ")" fails in one pass (issue #9).
_WIRE_TAG = re.compile(r"^(?:\([A-Z0-9]++(?: [A-Z0-9]++)*+ ?\)\s*+|UPDATE\s++\d++\s*+-\s*+)++")
# "TOKYO (Reuters) -", "SEOUL, Nov. 9 (Yonhap) --", "WASHINGTON —": a place in capitals, then a date or agency.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.])(?:\s*,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*+(?:\((?P<agency>[^()]{2,40})\))?\s*+(?:--|[-–—])\s+(?=\S)"
)
_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*$|[:;]$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# Link text and target stop at the next bracket (the target also at a space), so each character is read
# once however many unclosed "[a](" a line holds; one level of parentheses is allowed in the target.
_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*+)\]\((?:[^()\[\]\s]|\([^()\[\]\s]*+\))*+(?:\s+\"[^\"()\[\]]*+\")?\)")
# Emphasis markers are dropped where they open a word or close one, without pairing them: pairing
# ("_a _a _a ...") would rescan the rest of the line from every marker.
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])(?:\*\*|__|\*|_)(?=[^\s*_])|(?<=[^\s*_])(?:\*\*|__|\*|_)(?![\w*])")
_LIST_MARKER = re.compile(r"^(?:[-*+]\s+|>\s*)")
_META_BEFORE_TITLE = re.compile(r"\bcomments?\b|\bby\b|" + FULL_DATE.pattern, re.IGNORECASE)

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Every kind of space (no-break, ideographic, separators, control spaces) becomes one plain space, so no
# pattern downstream ever meets a run of spaces it could split in many ways.
_SPACES = re.compile(r"\s+")
# Longer lines are cut at a space into pieces of at most this many characters before any pattern sees
# them; the pieces break mid-sentence, so the paragraph joiner glues them back together.
MAX_LINE_CHARS = 5_000
_HEADING_MAX_WORDS = 8
_LIST_ITEM_MAX_WORDS = 15
# "4. Live below your means": the title of an item in a numbered list, the article's content, not a heading.
_LIST_NUMBER = re.compile(r"\d{1,3}[.)]\s")
# The headline is among the first lines kept; a banner above it is passed over.
_HEADLINE_WITHIN = 3
_BANNER_WORDS = re.compile(r"\b(?:cookies?|consent|newsletter|subscribe|sign\s+(?:up|in)|log\s+in|privacy)\b", re.I)
_CAPTION_MAX_CHARS = 300
_PITCH_MAX_CHARS = 200


@dataclass
class CleanedText:
    """Paragraphs fit to quote, plus what the furniture said about the article."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    credits: list[str] = field(default_factory=list)
    # The agency of a dateline ("BEIJING (AP) —"): the publisher, where a byline names only the reporter.
    agency: str | None = None
    dates: list[date] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


def normalize_line(line: str) -> str:
    """Unicode-compose a line, drop invisible characters and fold runs of spaces."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def headline_key(text: str) -> str:
    """A comparison key for headlines: no wire tags, case or punctuation."""
    text = _WIRE_TAG.sub("", normalize_line(text))
    return " ".join(re.findall(r"\w+", text.casefold()))


def clean_article(raw: str, title: str | None = None, structured: bool = False) -> CleanedText:
    """Remove page furniture from ``raw``; ``title``, when known, is also taken out of the body.

    ``structured`` text was extracted from a page's markup, which already told the article's headings and
    repeated lines from furniture; guessing again from the lines alone only loses article text.
    """
    result = CleanedText(title=title)
    lines: list[Line] = []
    kept: list[str | None] = []  # per line: the text to keep, or None when a rule removed it
    breaks: set[int] = set()  # lines that start a new block (a blank line before them)
    position = 0  # lines kept so far (counted, not summed over the blocks each time: that was quadratic)
    for line in _bounded_lines(raw):
        if not line:
            breaks.add(len(lines))
            continue
        if _END_OF_ARTICLE.fullmatch(line):
            result.removed.append(Removed(line, "end of article (comments, feedback or legal section)"))
            lines.append(Line(line, furniture=True, closes_article=True))
            kept.append(None)
            continue
        text = _clean_line(line, result, position)
        if text is not None and (_CREDIT.fullmatch(" " + text) is not None or _credit_only(text)):
            position -= _drop_caption_before_credit(kept, result)
            result.removed.append(Removed(text, "image credit"))
            text = None
        lines.append(Line(line, furniture=text is None))
        kept.append(text)
        position += text is not None
    units = _paragraph_units(lines, kept, breaks)
    # Extracted text is the article already; only a page's whole text needs its article found.
    if not structured:
        for index in sorted(copies_of_smaller_lines(units)):
            result.removed.append(Removed(units[index].text, "the page's text repeated (page metadata)"))
            units[index] = Line(units[index].text, furniture=True)
    body = range(len(units)) if structured else select_body(units)
    for index, unit in enumerate(units):
        if unit.furniture:
            continue
        if index in body:
            result.paragraphs.append(unit.text)
        else:
            result.removed.append(Removed(unit.text, "outside the article (menus, teasers, lists, comments)"))
    if not structured:
        result.paragraphs = _drop_duplicates(result.paragraphs, result)
        result.paragraphs = _drop_headings(result.paragraphs, result)
    return result


def _paragraph_units(lines: list[Line], kept: list[str | None], breaks: set[int]) -> list[Line]:
    """The page as paragraphs (hard-wrapped lines joined) and the furniture lines between them, in order."""
    units: list[Line] = []
    block: list[str] = []
    for index, (line, text) in enumerate(zip(lines, kept, strict=True)):
        if index in breaks or text is None:
            units.extend(Line(paragraph) for paragraph in _join_wrapped(block))
            block = []
        if text is None:
            units.append(Line(line.text, furniture=True, closes_article=line.closes_article))
        else:
            block.append(text)
    units.extend(Line(paragraph) for paragraph in _join_wrapped(block))
    return units


def _bounded_lines(raw: str) -> Iterator[str]:
    """Normalised lines of ``raw``, none longer than ``MAX_LINE_CHARS`` (longer ones cut at a space)."""
    for physical in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalize_line(physical)
        while len(line) > MAX_LINE_CHARS:
            cut = line.rfind(" ", MAX_LINE_CHARS // 2, MAX_LINE_CHARS)
            cut = cut if cut > 0 else MAX_LINE_CHARS
            yield line[:cut].rstrip()
            line = line[cut:].lstrip()
        yield line


def _credit_only(line: str) -> bool:
    return line.lower().startswith(("photo by ", "image by ", "picture by ")) and len(line) < 120


def _clean_line(line: str, result: CleanedText, position: int) -> str | None:
    """Classify one line: ``None`` when it is furniture (recorded in ``result``), else the text to keep."""
    reason = _furniture_reason(line, result)
    if reason is not None:
        result.removed.append(Removed(line, reason))
        return None
    line = _strip_markdown(line)
    if result.title is not None and headline_key(line) == headline_key(result.title):
        result.removed.append(Removed(line, "headline"))
        return None
    if result.title is None and position < _HEADLINE_WITHIN and _looks_like_headline(line):
        result.title = _WIRE_TAG.sub("", line).strip()
        result.removed.append(Removed(line, "headline"))
        return None
    if result.title is not None and position < 6:
        line = _strip_meta_prefix(line, result)
        if not line:
            return None
    return _strip_dateline(line, result)


def _furniture_reason(line: str, result: CleanedText) -> str | None:
    """The kind of furniture ``line`` is, if it is any."""
    if not re.search(r"\w", line):
        return "punctuation"
    if _NAVIGATION.fullmatch(line):
        return "navigation"
    # Banners and pitches are a line or two; a long paragraph that mentions a sale or a subscription is prose.
    pitch_sized = len(line) <= _PITCH_MAX_CHARS
    if pitch_sized and _PROMOTION.search(line):
        return "advertising banner"
    if pitch_sized and ((_PITCH_WORD.search(line) and _READER.search(line)) or _OWN_JOURNALISM.search(line)):
        return "subscription pitch"
    if _LEGAL.search(line):
        return "legal text"
    if copyright := _COPYRIGHT.match(line):
        _add_credit(result, copyright.group("holder"))
        return "copyright or photo credit"
    if _EDITOR_NOTE.fullmatch(line):
        return "editor's note"
    if _MEDIA_LABEL.match(line):
        return "photo caption"
    if _CONTRIBUTOR.search(line) and len(line) < 200:
        return "contributor credit"
    if len(line) < 400 and _BIO.match(line):
        return "author bio"
    if (byline := _BYLINE.fullmatch(line)) and len(line) < 80:
        _add_credit(result, byline.group("credit"))
        return "byline"
    if (sign_off := _SIGN_OFF.fullmatch(line)) and len(line) < 80:
        for credit in sign_off.group("credit").split(","):
            _add_credit(result, credit)
        return "agency sign-off"
    if _is_stamp(line):
        result.dates.extend(find_full_dates(line))
        return "publication stamp"
    tail = line[line.rfind(".") + 1 :]
    # A caption may run long (a diagram's key) when it ends with its credit; a paragraph never does.
    if (len(tail) <= _CREDIT_END_CHARS and _INLINE_CREDIT.search(tail)) or _CREDIT_END.search(
        line[-_CREDIT_END_CHARS:]
    ):
        return "photo caption"
    if len(line) <= _CAPTION_MAX_CHARS and (
        _CAPTION_START.match(line) or _TRAILING_CREDIT.search(line) or _INLINE_CREDIT.search(tail)
    ):
        return "photo caption"
    return None


def _is_stamp(line: str) -> bool:
    """A line that only says when the page was published or updated."""
    if len(line) > 90 or not (FULL_DATE.search(line) or CLOCK_TIME.search(line)):
        return False
    if _STAMP.match(line.lower()):
        return True
    rest = _STAMP_WORDS.sub(" ", CLOCK_TIME.sub(" ", FULL_DATE.sub(" ", line)))
    return len(re.findall(r"[A-Za-z]{2,}", rest)) <= 3 and not _TERMINAL.search(line)


def _looks_like_headline(line: str) -> bool:
    """A headline: a few words, no closing full stop, and not a banner speaking to the reader (cookies, offers)."""
    words = line.split()
    banner = _READER.search(line) is not None or _BANNER_WORDS.search(line) is not None
    return 3 <= len(words) <= 30 and not line.endswith(".") and not banner and not is_link_row(line)


def _strip_meta_prefix(line: str, result: CleanedText) -> str:
    """Drop "Section, date, 1 Comment on <headline>" run into the standfirst; keep the standfirst."""
    assert result.title is not None
    title = normalize_line(result.title)
    at = line.casefold().find(title.casefold())
    if at <= 0 or not _META_BEFORE_TITLE.search(line[:at]):
        return line
    prefix, rest = line[:at], line[at + len(title) :].strip()
    result.dates.extend(find_full_dates(prefix))
    result.removed.append(Removed(prefix + title, "page header (section, date, comment count)"))
    return rest if len(rest.split()) >= 4 else ""


def _strip_dateline(line: str, result: CleanedText) -> str:
    match = _DATELINE.match(line)
    if match is None or not (match.group("agency") or match.group("date") or "--" not in match.group(0)):
        return line
    if match.group("agency"):
        _add_credit(result, match.group("agency"))
        result.agency = result.agency or match.group("agency").strip(" .,")
    result.removed.append(Removed(match.group(0).strip(), "dateline"))
    return line[match.end() :]


def _strip_markdown(line: str) -> str:
    line = _MARKDOWN_HEADING.sub("", line)
    line = _LIST_MARKER.sub("", line)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    return _MARKDOWN_EMPHASIS.sub("", line)


def _drop_caption_before_credit(kept: list[str | None], result: CleanedText) -> bool:
    """An image credit follows its caption: a short line with no closing full stop. Whether one was dropped."""
    for index in range(len(kept) - 1, -1, -1):
        previous = kept[index]
        if previous is not None:
            if len(previous) <= _CAPTION_MAX_CHARS and not _TERMINAL.search(previous):
                kept[index] = None
                result.removed.append(Removed(previous, "photo caption"))
                return True
            return False
    return False


def _join_wrapped(block: list[str]) -> list[str]:
    """One paragraph per line, unless the block is hard-wrapped prose (lines breaking mid-sentence)."""
    if len(block) < 2:
        return block
    inner = block[:-1]
    wrapped = sum(1 for line, nxt in zip(inner, block[1:], strict=False) if _breaks_mid_sentence(line, nxt))
    if wrapped * 2 >= len(inner):
        return [" ".join(block)]
    return block


def _breaks_mid_sentence(line: str, following: str) -> bool:
    return not _TERMINAL.search(line) and (following[:1].islower() or len(line) >= 50)


def _drop_duplicates(paragraphs: list[str], result: CleanedText) -> list[str]:
    """Drop a paragraph seen before, unless it repeats as part of a repeated section.

    A lone repeat is a pull quote, a credit or a headline shown twice. Lines repeated together in the same
    order (a meal plan for each day, a table for each group) are the article's own content.
    """
    keys = [" ".join(paragraph.casefold().split()) for paragraph in paragraphs]
    first: dict[str, int] = {}
    for index, key in enumerate(keys):
        first.setdefault(key, index)

    def in_repeated_section(index: int) -> bool:
        # A neighbour is itself a repeat of the same neighbour of this paragraph's first occurrence.
        for step in (-1, 1):
            neighbour = index + step
            if 0 <= neighbour < len(keys) and neighbour != first[keys[neighbour]] == first[keys[index]] + step:
                return True
        return False

    kept = []
    for index, paragraph in enumerate(paragraphs):
        if first[keys[index]] != index and not in_repeated_section(index):
            result.removed.append(Removed(paragraph, "duplicate"))
            continue
        kept.append(paragraph)
    return kept


def _drop_headings(paragraphs: list[str], result: CleanedText) -> list[str]:
    """Drop section headings: a short line with no sentence punctuation, alone between paragraphs.

    A heading does not read as a quote. Short lines in a run (a table's rows, a list, a recipe's steps)
    and the numbered titles of a list's items are the article's content, not headings, and stay.
    """
    items = [_list_item_sized(paragraph) for paragraph in paragraphs]
    kept = []
    for index, paragraph in enumerate(paragraphs):
        in_run = (index > 0 and items[index - 1]) or (index + 1 < len(items) and items[index + 1])
        numbered = _LIST_NUMBER.match(paragraph) is not None
        if items[index] and len(paragraph.split()) <= _HEADING_MAX_WORDS and not (in_run or numbered):
            result.removed.append(Removed(paragraph, "section heading"))
            continue
        kept.append(paragraph)
    return kept


def _list_item_sized(paragraph: str) -> bool:
    """A line of a list or a table: a few words, not a sentence."""
    bare = paragraph.strip("\"'“”‘’ ")
    return len(bare.split()) <= _LIST_ITEM_MAX_WORDS and not _TERMINAL.search(bare)


def _add_credit(result: CleanedText, credit: str | None) -> None:
    if credit and (credit := credit.strip(" .,")) and credit not in result.credits:
        result.credits.append(credit)
