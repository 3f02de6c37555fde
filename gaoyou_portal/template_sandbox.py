"""Office templates are data, never code: the Jinja side of a Word template.

Two locks, each enough on its own:
1. ``check_sources`` reads every Jinja source docxtpl renders (body, headers, footers, footnotes, document
   properties) and refuses a name the document does not offer, any attribute or item beginning with an
   underscore, the ``attr`` filter and every tag that reaches outside the template (include, import, extends);
   the upload refuses such a file, and the export checks a stored template again before using it.
2. ``environment`` renders in Jinja's immutable sandbox with no globals (no ``cycler``, ``joiner``, ``lipsum``,
   ``range``, ``namespace``, ``dict``), so only the document's own context is reachable, and a template that
   multiplies text into gigabytes stops at ``MAX_TEXT``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_TEXT = 200_000  # characters one expression may produce by * or **; a whole bulletin is far shorter

_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FORBIDDEN_TAGS = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends, nodes.Macro, nodes.CallBlock)


class _Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" or (operator == "*" and not all(isinstance(v, (int, float)) for v in (left, right))):
            sizes = [len(v) if isinstance(v, (str, list, tuple)) else abs(v) if isinstance(v, (int, float)) else 0
                     for v in (left, right)]
            if sizes[0] * sizes[1] > MAX_TEXT or (operator == "**" and sizes[1] > 64):
                raise SecurityError("result too large")
        return super().call_binop(context, operator, left, right)


def environment(*, autoescape=True):
    """The sandbox every office template renders in: only the context given to ``render``."""
    env = _Sandbox(autoescape=autoescape)
    env.globals.clear()
    return env


def sources(template):
    """Every Jinja source docxtpl renders from ``template`` (a DocxTemplate), as docxtpl patches it."""
    from docx.oxml import parse_xml

    docx = template.get_docx()
    found = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _key, part in template.get_headers_footers(uri):
            found.append(template.patch_xml(template.xml_to_string(parse_xml(part.blob))))
    for part in docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            found.append(template.patch_xml(blob))
    found.extend(getattr(docx.core_properties, name) or "" for name in _CORE_PROPERTIES)
    return found


def _shown(node):
    """The placeholder as the office wrote it, for the message (``{{ title.__class__ }}``)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_shown(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        key = node.arg.value if isinstance(node.arg, nodes.Const) else "…"
        return f"{_shown(node.node)}[{key!r}]"
    if isinstance(node, nodes.Filter):
        return f"{_shown(node.node)}|{node.name}" if node.node is not None else node.name
    if isinstance(node, nodes.Call):
        return f"{_shown(node.node)}()"
    return "…"


def _safe_key(arg):
    """A literal number, a slice, or a literal text not beginning with an underscore: a computed key could
    spell ``__class__``."""
    if isinstance(arg, nodes.Slice):
        return True
    return isinstance(arg, nodes.Const) and (isinstance(arg.value, int) or not str(arg.value).startswith("_"))


def _problems(tree, allowed):
    from jinja2 import meta

    yield from sorted(meta.find_undeclared_variables(tree) - set(allowed))
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test, *_FORBIDDEN_TAGS)):
        if isinstance(node, _FORBIDDEN_TAGS):
            yield "{% " + type(node).__name__.lower() + " %}"
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            yield _shown(node)
        elif isinstance(node, nodes.Getitem) and not _safe_key(node.arg):
            yield _shown(node)
        elif isinstance(node, (nodes.Filter, nodes.Test)) and node.name == "attr":
            yield _shown(node)


def check_sources(texts, allowed):
    """Refuse (ValidationError in Chinese naming the placeholder) a template whose Jinja reaches beyond
    ``allowed`` names; returns the names it uses."""
    from jinja2 import TemplateSyntaxError, meta

    env = environment()
    used, bad = set(), []
    for text in texts:
        try:
            tree = env.parse(text)
            used |= meta.find_undeclared_variables(tree)
            problems = list(_problems(tree, allowed))
        except TemplateSyntaxError as exc:  # also an unknown filter or test (TemplateAssertionError)
            raise ValidationError(_("The template has a placeholder Word split or mistyped near line %(line)s: "
                                    "%(error)s") % {"line": exc.lineno, "error": exc.message}) from None
        bad.extend(problem for problem in problems if problem not in bad)
    unknown = [name for name in bad if re.fullmatch(r"\w+", name)]
    unsafe = [name for name in bad if name not in unknown]
    if unsafe:
        raise ValidationError(
            _("The template uses %(placeholders)s, which reaches outside the document; a placeholder names only a "
              "value the portal fills, without attributes beginning with “_”.")
            % {"placeholders": "、".join(name if name.startswith("{%") else f"{{{{ {name} }}}}" for name in unsafe)})
    if unknown:
        raise ValidationError(
            _("The template has placeholders the portal does not know: %(unknown)s. Known placeholders: %(known)s.")
            % {"unknown": "、".join(f"{{{{ {name} }}}}" for name in unknown), "known": "、".join(sorted(allowed))})
    return sorted(used)
