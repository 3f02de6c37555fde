"""Django merges every catalogue into one: the project's locale/ wins over the apps, and an earlier app in
INSTALLED_APPS wins over a later one. The same (context, msgid) translated two ways in two catalogues would
show the winner's Chinese on the loser's pages, so each such pair must agree, or the app's uses must carry a
context of their own."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
LANGUAGE = "zh_Hans"


def our_catalogues():
    """The project catalogue and every one of our apps' catalogues, named by their folder."""
    folders = [Path(p) for p in settings.LOCALE_PATHS]
    folders += [Path(app.path) / "locale" for app in apps.get_app_configs()
                if Path(app.path).is_relative_to(ROOT) and "site-packages" not in Path(app.path).parts]
    found = {}
    for folder in folders:
        po = folder / LANGUAGE / "LC_MESSAGES" / "django.po"
        if po.exists():
            found[str(folder.parent.relative_to(ROOT)) or "."] = po
    return found


def disagreements(catalogues):
    """Every (context, msgid) that two or more catalogues translate, with differing Chinese."""
    translations = {}
    for name, path in catalogues.items():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            text = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            if any(text) if isinstance(text, tuple) else text:
                translations.setdefault((entry.msgctxt, entry.msgid), {})[name] = text
    return {key: by_catalogue for key, by_catalogue in sorted(translations.items(), key=lambda kv: (kv[0][0] or "",
            kv[0][1])) if len(set(by_catalogue.values())) > 1}


def test_it_finds_the_project_catalogue_and_every_apps_catalogue():
    assert set(our_catalogues()) == {
        ".", "projects", "projects/sprint", "livelihood", "safety", "cadres", "targets", "reporting",
    }


def test_no_two_catalogues_translate_the_same_message_differently():
    found = disagreements(our_catalogues())
    assert found == {}, "\n".join(
        f"{context or ''}|{msgid}: " + "; ".join(f"{name}={text}" for name, text in by.items())
        for (context, msgid), by in found.items()
    )


def _write_po(path, entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for context, msgid, msgstr in entries:
        po.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return path


def test_the_check_reports_a_message_two_catalogues_translate_differently(tmp_path):
    core = _write_po(tmp_path / "core.po", [(None, "position", "职务"), (None, "year", "年度")])
    sprint = _write_po(tmp_path / "sprint.po", [(None, "position", "序号"), ("ranking", "position", "序号"),
                                                (None, "year", "年度")])
    assert disagreements({"core": core, "sprint": sprint}) == {(None, "position"): {"core": "职务", "sprint": "序号"}}


def test_the_check_keeps_apart_the_same_message_in_different_contexts(tmp_path):
    core = _write_po(tmp_path / "core.po", [(None, "title", "职务")])
    targets = _write_po(tmp_path / "targets.po", [("targets", "title", "名称")])
    assert disagreements({"core": core, "targets": targets}) == {}


def test_each_app_shows_its_own_wording_for_a_shared_english_word():
    from cadres.choices import CaseStatus
    from leaders.models import Leader
    from livelihood.choices import Pace
    from livelihood.models import ProgressUpdate
    from org.models import Membership
    from projects.choices import BlockerStatus
    from projects.models import Blocker
    from projects.sprint.models import SprintScore
    from safety.models import Case
    from targets.models import Target

    def label(model, field):
        return str(model._meta.get_field(field).verbose_name)

    with translation.override("zh-hans"):
        assert (label(Membership, "position"), label(SprintScore, "position")) == ("职务", "序号")
        assert (label(Leader, "title"), label(Target, "title")) == ("职务", "名称")
        assert (str(BlockerStatus.OPEN.label), str(CaseStatus.OPEN.label)) == ("未解决", "待处理")
        assert (str(BlockerStatus.CLOSED.label), str(CaseStatus.CLOSED.label)) == ("已关闭", "已办结")
        assert (label(Blocker, "deadline"), label(Case, "deadline"), label(Target, "deadline")) == (
            "期限", "整改期限", "完成时限")
        assert (label(Target, "code"), label(Target, "pace")) == ("编号", "序时方式")
        assert label(ProgressUpdate, "published_at") == "公开时间"
        assert str(Pace.ON_TRACK.label) == "正常推进"
