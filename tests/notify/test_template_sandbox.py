"""Office templates are data, never code (issue 23, hole 1): a hostile Word template is refused at upload and
harmless at export, also when it was stored before the checks existed."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from docx import Document

from notify.models import DocumentTemplate
from tests.notify.test_documents import export, office_template, upload
from tests.notify.test_documents import race as race  # noqa: F401 (a fixture)

SHELL = "{{ cycler.__init__.__globals__.os.popen('echo pwned-$((6*7))').read() }}"


def _with_property(title, *paragraphs):
    doc = Document(io.BytesIO(office_template(*paragraphs)))
    doc.core_properties.title = title
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _with_footer(text, *paragraphs):
    doc = Document(io.BytesIO(office_template(*paragraphs)))
    doc.sections[0].footer.paragraphs[0].text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("data, shown", [
    (office_template("{{ title }}", SHELL), "{{ cycler.__init__.__globals__ }}"),
    (office_template("{{ title.__class__.__mro__ }}"), "{{ title.__class__ }}"),
    (office_template("{%p for text in summary %}", "{{ text.__class__ }}", "{%p endfor %}"), "{{ text.__class__ }}"),
    (office_template("{{ title['__class__'] }}"), "{{ title['__class__'] }}"),
    (office_template("{{ title|attr('__class__') }}"), "{{ title|attr }}"),
    (office_template("{{ title }}{{ os.system('id') }}"), "{{ os }}"),
    (_with_footer("{{ joiner.__init__.__globals__ }}", "{{ title }}"), "{{ joiner.__init__.__globals__ }}"),
    # document properties and footnotes render too, so they are read as well
    (_with_property(SHELL, "{{ title }}"), "{{ cycler.__init__.__globals__ }}"),
])
def test_a_template_reaching_outside_its_document_is_refused_at_upload_naming_the_placeholder(
        client, users, data, shown):
    page = upload(client, users.office, "sprint_bulletin", data).content.decode()
    assert shown.replace("'", "&#x27;") in page
    assert "模板已保存" not in page
    assert not DocumentTemplate.objects.exists()


def _store(data):
    """A template stored before the checks existed (the upload would refuse it now)."""
    template = DocumentTemplate(kind="sprint_bulletin")
    template.file.save("sprint_bulletin.docx", ContentFile(data), save=True)
    return template


def _text(doc):
    parts = [p.text for p in doc.paragraphs] + [doc.core_properties.title or ""]
    parts += [p.text for s in doc.sections for p in s.footer.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize("data", [
    office_template("{{ title }}", SHELL),
    _with_property(SHELL, "{{ title }}"),
    _with_footer("{{ joiner.__init__.__globals__.os.popen('echo pwned-$((6*7))').read() }}", "{{ title }}"),
    office_template("{{ title.__class__.__mro__[1].__subclasses__() }}", "pwned-{{ 6*7 }}"),
    office_template("{{ title.upper(1, 2, 3) }}"),  # fails to fill: the default template, not a 500
])
def test_a_hostile_template_stored_before_the_checks_is_harmless_at_export(client, users, race, data):
    _store(data)
    client.force_login(users.leader)
    response = client.get(reverse("channels:document_export", args=["sprint_bulletin"]),
                          {"year": 2026, "quarter": 1}, follow=False)
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = _text(doc)
    assert "pwned-42" not in text and "object" not in text and "subclasses" not in text
    # the default template's document, with the race's table
    assert "关于2026年第1季度“赛马”结果的通报" in text and len(doc.tables) >= 1
    page = client.get(reverse("channels:template_list")).content.decode()
    assert "不能使用" in page and "默认模板" in page


def test_the_sandbox_alone_refuses_globals_and_underscores():
    """The second lock: even a template the check let through renders with no globals and no “_” attributes."""
    from jinja2.exceptions import SecurityError, UndefinedError

    from gaoyou_portal.template_sandbox import environment

    env = environment()
    for source in (SHELL, "{{ joiner() }}", "{{ lipsum() }}", "{{ range(10) }}", "{{ namespace() }}"):
        with pytest.raises((UndefinedError, SecurityError)):
            env.from_string(source).render(title="t")
    assert env.from_string("[{{ title.__class__ }}]").render(title="t") == "[]"  # an unsafe attribute is empty
    with pytest.raises(SecurityError):
        env.from_string("{{ title.__class__.__mro__ }}").render(title="t")
    with pytest.raises(SecurityError):
        env.from_string("{{ title * 1000000 }}").render(title="t" * 100)
    assert env.from_string("{{ title }} {{ n * 2 }}").render(title="<通报>", n=3) == "&lt;通报&gt; 6"


def test_an_ordinary_office_template_still_renders_with_its_loops_and_tables(client, users, race):
    data = office_template("{{ title }}", "{%p for text in summary %}", "{{ text }}", "{%p endfor %}",
                           "{{p ranking_table }}", "第{{ quarter }}季度 {{ summary[0][:4] }}")
    assert "模板已保存" in upload(client, users.office, "sprint_bulletin", data).content.decode()
    doc = export(client, users.leader, "sprint_bulletin", year=2026, quarter=1)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于2026年第1季度“赛马”结果的通报" and "第1季度 2026" in texts
    assert len(doc.tables) == 1
