"""Fill translations in a .po catalogue from a TSV file of ``msgid<TAB>msgstr`` lines.

    python scripts/po_fill.py locale/zh_Hans/LC_MESSAGES/django.po translations.tsv

Plural entries take ``msgid<TAB>msgstr`` for the singular id (Chinese has one form). Fuzzy flags
are cleared for the entries filled. Prints the entries still untranslated.
"""

import sys

import polib


def main(po_path, tsv_path):
    catalogue = polib.pofile(po_path)
    table = {}
    with open(tsv_path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or "\t" not in line:
                continue
            msgid, msgstr = line.split("\t", 1)
            table[msgid.replace("\\n", "\n")] = msgstr.replace("\\n", "\n")
    for entry in catalogue:
        if entry.msgid in table:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: table[entry.msgid]}
            else:
                entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalogue.save()
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
