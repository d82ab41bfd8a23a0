"""Every sentence the bot says to people, in one place so that the wording stays consistent."""

from __future__ import annotations

NOT_IN_CORPUS = "I couldn't find that in the articles I have."
# Refused because no quoted passage holds the kind of answer asked for ("How old ...?" over passages with no age).
NO_ANSWER_OF_KIND = "The articles I have don't give {kind} for that."
ANSWER_KINDS = {
    "number": "a number",
    "amount": "an amount",
    "age": "an age",
    "duration": "a length of time",
    "where": "a place",
    "percent": "a percentage",
    "measure": "a measurement",
    "time": "a time of day",
    "statement": "words of the speaker you asked about",
    "name": "a name",
}
DID_YOU_MEAN = "(Searched as: {question})"
NOT_IN_CORPUS_HINT = "Try other words, or see which articles I have with /sources."
FOUND = "Here is what the articles say."
FOUND_NEWEST = "Here is what the articles say; the newest of these sources is from {date}."
NOTHING_DATED = "I couldn't find anything dated {period} in the articles I have."
NO_MORE_RESULTS = "There are no more passages for that question."
FOLLOW_UP_OF = "Read as a follow-up to: {question}"
TIME_READ_FROM_TODAY = "Read “{expression}” as {period}, counting from today."
TIME_READ_FROM_NEWEST = "Read “{expression}” as {period}, counting from the newest article ({date})."
TIME_READ_FROM_ARTICLE = (
    "Read “{expression}” as {period}, counting from the article of {date} (the newer ones have nothing dated then)."
)

EMPTY_QUESTION = "Please ask a question: the message was empty."
QUESTION_TOO_LONG = "That question is {length} characters long; please keep it under {limit}."
SMALL_TALK = "I answer questions about the articles: ask me who, what, when or where."
NO_SEARCHABLE_WORDS = "I couldn't find any words to search for in that question. Try naming who or what you mean."

BAD_DATE_FILTER = "The {name} date {value!r} is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD."
NO_TIMELINE_EVENTS = "No dated events match that."
TIMELINE_PICTURE_WRITTEN = "Wrote the timeline picture ({events} events) to {path}."
TIMELINE_PICTURE_FAILED = "Could not write the timeline picture to {path}: {reason}."
TIMELINE_PICTURE_NOT_PNG = "The timeline picture is a PNG: give a file name ending in .png, not {path}."

CORPUS_BAD_TYPE = "{name} is not a .txt, .md or .html file; only those can be articles."
CORPUS_BAD_NAME = "{name} has no usable file name; rename it and try again."
CORPUS_TOO_BIG = "That file is {size:,} bytes; the limit is {limit:,}."
CORPUS_EXISTS = (
    "{name} would get the article id {id}, which {other} already has; remove that article first or rename the upload."
)
CORPUS_IGNORED_NAME = "{name} is a name the corpus folder keeps for notes, not articles; rename the upload."
CORPUS_PARSE_TIMEOUT = (
    "{name} was not added: reading it took longer than {seconds:g} seconds, so it was stopped. "
    "Check the file for very long lines or unusual markup."
)
CORPUS_REJECTED = "{name} was not added: {reason}."
CORPUS_NO_SUCH_ARTICLE = "There is no article {name}. /corpus list shows them."
CORPUS_ADD_FILE_OR_URL = "Give either a file or a url to add, not both."
CORPUS_LINK_EXISTS = "That page is already in the corpus as {id} ({title}); remove it first to fetch it again."
CORPUS_PAGE_EMPTY = "No article text was found in {name}; is it a news article page?"

FETCH_BAD_URL = "{url} is not a web address I can fetch; write it like https://example.com/story."
FETCH_BAD_SCHEME = "Only http:// and https:// links can be fetched, not {scheme}:// ones."
FETCH_UNRESOLVED = "The site {host} could not be found (its name does not resolve)."
FETCH_PRIVATE_ADDRESS = (
    "{host} is at {address}, a private, loopback, link-local or reserved address; the bot only fetches public "
    "sites (BOT_FETCH_ALLOW_PRIVATE allows others)."
)
FETCH_UNREACHABLE = "The site {host} could not be reached; check the link or try again later."
FETCH_TIMEOUT = "The page took longer than {seconds:g} seconds to arrive, so it was not added."
FETCH_TOO_BIG = "The page is larger than {limit:,} bytes (BOT_FETCH_MAX_BYTES), so it was not added."
FETCH_TOO_MANY_REDIRECTS = "The link redirected more than {limit} times, so it was not followed further."
FETCH_BAD_REDIRECT = "The site redirected to a link that cannot be followed."
FETCH_HTTP_STATUS = "The site answered {status} {reason} instead of the page."
FETCH_BAD_ENCODING = "The site sent the page packed as {encoding}, which I cannot unpack, so it was not added."
FETCH_WRONG_TYPE = "The link is not a web page: the site sent {content_type}, and only HTML pages can be added."
STORAGE_OFF = "Statistics and settings need the database, which is not available right now; see the bot's log."

GENERIC_FAILURE = "Sorry, something went wrong on my side (reference {ref}). Please try again later."

RELOAD_KEPT_OLD = "The corpus was not reloaded: {reason}. The previous articles are still being served."
CORPUS_MISSING = "the corpus folder {path} does not exist"
CORPUS_BUILD_FAILED = "building the corpus failed unexpectedly (see the bot's log)"
BUSY = "I'm answering a lot of questions right now; please ask again in a moment."
RELOAD_PROGRESS = "Reloading the corpus: {stage} ({done:,} of {total:,})…"
RELOAD_STARTED = "Reloading the corpus…"
LOAD_PROGRESS = "Loading the corpus: {stage} ({done:,} of {total:,})…"
CORPUS_EMPTY = "no article in {path} could be loaded"
# After CORPUS_EMPTY's first few "file: reason" problems, how many more there are.
CORPUS_EMPTY_MORE = "and {count} more"
# A file whose id another took is read again to be split under its new id, and was edited meanwhile.
CORPUS_FILE_CHANGED_WHILE_LOADING = "changed while the corpus was loading; reload to read it again"

CONSOLE_WELCOME = (
    "News Q&A console: {articles} articles, {passages} passages. Ask a question, or type /help. Ctrl-D or /quit leaves."
)
CONSOLE_HELP = """Ask a question in plain words and I quote the passages that answer it, with their sources.
  /ask QUESTION   the same as typing the question
  /more           the next passages for the last question
  /timeline [TOPIC] [from:YYYY[-MM[-DD]]] [to:YYYY[-MM[-DD]]] [png:FILE.png]
                  what happened when, from the dates the articles give (png: also draws it)
  /sources        the articles I have
  /reload         re-read the corpus folder
  /stats [DAYS]   what people asked, what I could not answer (needs the database)
  /corpus list | add PATH|URL | remove ARTICLE_ID
                  manage the articles (each change reloads)
  /help           this text
  /quit           leave"""
DISCORD_HELP = """Ask me about the news stories in my articles. I answer only with quoted passages and their sources.

**Ask**: mention me with your question, send me a DM, reply to one of my answers, or use `/ask` \
(`private: True` shows the answer only to you).
**More results** under an answer shows the next passages; 👍/👎 tell the admins whether it helped.
`/sources` lists the articles; `/source` shows one of them.
`/timeline` shows what happened when (`topic`, `from`, `to` narrow it; dates as YYYY, YYYY-MM or YYYY-MM-DD).
Admins: `/reload` re-reads the corpus folder."""
COOLDOWN = "You're asking quickly; please wait {seconds} seconds before the next question."
DISCORD_NOT_ADMIN = "Only server admins (Manage Server, or a role or user the bot owner listed) can use {command}."
DISCORD_FEEDBACK_THANKS = "Thanks for the feedback!"
DISCORD_NOT_YOUR_PAGES = "These timeline pages belong to the person who asked; run /timeline to page through your own."
DISCORD_NO_SUCH_SOURCE = "I have no article called {name}. /sources lists them."
DISCORD_SERVER_ONLY = "Settings belong to a server; use this command in one."
DISCORD_QA_CHANNEL_NEEDS_INTENT = (
    "Saved. To read every message in the Q&A channel the bot needs the Message Content intent: enable it in the "
    "Developer Portal and set BOT_DISCORD_MESSAGE_CONTENT=true (or BOT_DISCORD_QA_CHANNEL_ID), then restart."
)
DISCORD_SYNC_REFUSED = (
    "error: Discord refused the slash commands for server {guild} ({reason}). Set DISCORD_DEV_GUILD_ID to the id "
    "of a server the bot is in (Developer Mode, right-click the server, Copy Server ID), or leave it unset."
)
DISCORD_ANSWER_GONE = "I can no longer read the question of that answer; please ask it again."

CONSOLE_UNKNOWN_COMMAND = "Unknown command {command}. Type /help for the list."
CONSOLE_CANNOT_READ = "Cannot read {path}: {reason}."
CONSOLE_CORPUS_USAGE = "Use /corpus list, /corpus add PATH|URL or /corpus remove ARTICLE_ID."
CORPUS_ADDED = "Added {name}: “{title}” ({source})."
CORPUS_REMOVED = "Removed {name}."
CORPUS_REMOVED_FURNITURE = "Removed as page furniture: {kinds}."
STATS_BAD_DAYS = "{value} is not a number of days; /stats takes a whole number from 1 to {limit}, e.g. /stats 30."
TIMELINE_REVERSED = "The range is reversed: from {start} is after to {end}. Swap the two dates."
CLI_NOT_IN_CORPUS_HINT = "Try other words, or list the articles with: python -m bot sources"
CONSOLE_NOTHING_TO_CONTINUE = "Ask a question first; /more shows further passages for it."

SETTINGS_FILE_NOT_UTF8 = (
    "error: the settings file {path} is not UTF-8 text (bad byte at position {position}); save it as UTF-8."
)

SLACK_NOT_ADMIN = "Only workspace admins and owners (or users the bot owner listed) can use {command}."
SLACK_ASK_USAGE = "Type your question after /ask, for example: /ask Who is Han Min-koo?"
SLACK_VOTE_NOTED = "Thanks for the feedback: your {vote} is noted."
SLACK_MORE_BUTTON = "More…"
SLACK_MORE_GONE = "I can no longer tell which question that button was for; please ask it again."
SLACK_MORE_EVENTS = "… and {count} more events; narrow them with a topic or from:/to: dates."
SLACK_NO_FILES_SCOPE = "(The picture needs the app's files:write scope.)"
SLACK_PICTURE_FAILED = "I couldn't attach the picture here; invite me to this channel to get pictures."
SLACK_CHART_IN_DM = "The chart of questions per day is in our direct messages."
SLACK_START_BAD_TOKEN = "error: Slack rejected {name} ({error}). Copy the token again from the app's settings page."
SLACK_START_MISSING_SCOPE = (
    "error: the Slack bot token lacks the {scope} scope. Add it under OAuth & Permissions, reinstall the app, "
    "and set the new SLACK_BOT_TOKEN."
)
SLACK_START_UNREACHABLE = (
    "error: cannot reach Slack's Web API at {url} ({reason}). Check the network or BOT_SLACK_API_URL."
)
SLACK_START_NO_MODE = (
    "error: SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode); "
    "set one of them."
)
SLACK_START_PORT_BUSY = "error: cannot serve Slack events on port {port} ({reason}). Set BOT_SLACK_PORT to a free port."
SLACK_START_NO_BOT_TOKEN = (
    "error: SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not; set it too."
)


def stats_period(days: int) -> str:
    """The heading of a statistics report: "Last day" or "Last 7 days"."""
    return "Last day" if days == 1 else f"Last {days} days"


def stats_summary(asked: int, answered_share: float | None) -> str:
    """The first line of a statistics report: "1 question, 100% answered." or "No questions asked."."""
    if not asked or answered_share is None:
        return "No questions asked."
    return f"{asked} question{'' if asked == 1 else 's'}, {answered_share:.0%} answered."
