"""Journalists from a CSV file, as press offices keep them in a spreadsheet.

One row per journalist: ``name, outlet, email, language, organizations, topics`` (the
headers may also be written in French, Dutch or German; the order is free). The file is
UTF-8 (with or without Excel's BOM) or Windows-1252, separated by commas, semicolons or
tabs. Organizations and topics are named by name, acronym or address in any language,
several separated by ``;`` or ``|`` inside the cell (``,`` when the file uses ``;``).

Every row is checked on its own: a row with an error is refused with its line number
and the reason, the others are saved. A known address is updated (name, outlet,
language) and keeps its interests, adding the file's. Nothing is saved when the file
itself cannot be read."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from newsroom.languages import language_codes, translated_columns
from organizations.models import Organization
from press_lists.models import Journalist
from releases.models import Topic

MAX_ROWS = 20_000

HEADERS = {
    "name": {"name", "nom", "naam", "journalist", "journaliste"},
    "outlet": {"outlet", "media", "média", "medium", "redaction", "rédaction", "redactie"},
    "email": {"email", "e-mail", "courriel", "mail", "adresse e-mail", "e-mailadres"},
    "language": {"language", "langue", "taal", "sprache"},
    "organizations": {"organizations", "organisations", "organisaties", "organisationen"},
    "topics": {"topics", "thèmes", "themes", "thema's", "themas", "themen"},
}


class UnreadableFile(Exception):
    pass


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    rejected: list = field(default_factory=list)  # (line, reason)


def _text(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("The file is neither UTF-8 nor Windows-1252 text."))


def _columns(header):
    found = {}
    for index, title in enumerate(header):
        title = title.strip().lower()
        for column, names in HEADERS.items():
            if title in names:
                found[column] = index
    missing = [c for c in ("name", "email") if c not in found]
    if missing:
        raise UnreadableFile(
            _("The first line must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return found


def _named(model, fields, names, known):
    """The items called ``names`` (by name, acronym or address in any language) and
    the names nothing answers to; ``known`` remembers the answers for the whole file
    (the same organizations come back on every row)."""
    found, unknown = [], []
    for name in names:
        key = (model, name.lower())
        if key not in known:
            q = Q()
            for column in translated_columns(*fields):
                q |= Q(**{f"{column}__iexact": name})
            known[key] = model._default_manager.filter(q).first()
        match = known[key]
        (found if match else unknown).append(match or name)
    return found, unknown


def _split(cell, delimiter):
    separators = r"[;|]" if delimiter != ";" else r"[,|]"
    return [part.strip() for part in re.split(separators, cell or "") if part.strip()]


def _row(values, columns):
    def cell(name):
        index = columns.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    return {name: cell(name) for name in HEADERS}


def import_journalists(data, press_list=None, source=""):
    """Save the file's good rows; raise UnreadableFile (saving nothing) for a file
    that is not CSV text with the needed columns."""
    try:
        with transaction.atomic():
            return _import(data, press_list, source)
    except csv.Error as error:
        raise UnreadableFile(
            _("The file cannot be read as CSV: %(error)s.") % {"error": error}
        ) from None


def _import(data, press_list, source):
    text = _text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None
    columns = _columns(header)
    report, seen, known = Report(), {}, {}
    codes = language_codes()
    for values in reader:
        line = reader.line_num
        if line > MAX_ROWS + 1:
            report.rejected.append(
                (
                    line,
                    _("Beyond %(max)d rows: import the rest in another file.") % {"max": MAX_ROWS},
                )
            )
            break
        if not any(value.strip() for value in values):
            continue
        row = _row(values, columns)
        problems = []
        if not row["name"]:
            problems.append(_("the name is missing"))
        email = row["email"].lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(email)s” is not an e-mail address") % {"email": row["email"]})
        if email in seen:
            problems.append(_("the address is already on line %(line)d") % {"line": seen[email]})
        language = (row["language"] or codes[0]).lower()
        if language not in codes:
            problems.append(
                _("the language must be one of %(codes)s, not “%(language)s”")
                % {"codes": ", ".join(codes), "language": row["language"]}
            )
        organizations, unknown = _named(
            Organization,
            ("name", "acronym", "slug"),
            _split(row["organizations"], dialect.delimiter),
            known,
        )
        problems += [_("no organization is called “%(name)s”") % {"name": n} for n in unknown]
        topics, unknown = _named(
            Topic, ("name", "slug"), _split(row["topics"], dialect.delimiter), known
        )
        problems += [_("no topic is called “%(name)s”") % {"name": n} for n in unknown]
        if problems:
            report.rejected.append((line, "; ".join(problems)))
            continue
        seen[email] = line
        with transaction.atomic():
            journalist = Journalist.objects.filter(email__iexact=email).first()
            if journalist is None:
                journalist = Journalist(email=email, source=source)
                report.created += 1
            else:
                report.updated += 1
            # A cell left empty (or a column the file has not) keeps what is known.
            journalist.name = row["name"]
            journalist.outlet = row["outlet"] or journalist.outlet
            if row["language"] or journalist.pk is None:
                journalist.language = language
            journalist.save()
            journalist.organizations.add(*organizations)
            journalist.topics.add(*topics)
            if press_list is not None:
                press_list.journalists.add(journalist)
    return report
