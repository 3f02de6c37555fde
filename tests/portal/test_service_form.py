"""The one form-to-service view, the one mapping of a domain error onto a form, the one ``full_clean`` wrapper."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.forms import show_domain_error
from gaoyou_portal.views import ServiceFormView
from org.models import Unit


class NameForm(forms.Form):
    name = forms.CharField()


def _request(data=None):
    request = RequestFactory().post("/x/", data) if data is not None else RequestFactory().get("/x/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _bound(name="张三"):
    form = NameForm({"name": name})
    assert form.is_valid()
    return form


def test_a_field_error_lands_on_its_field_and_an_unknown_field_at_the_top():
    form = _bound()
    show_domain_error(DomainError({"name": "名称已被使用。", "month": "月份不对。"}), form=form)
    assert form.errors["name"] == ["名称已被使用。"]
    assert form.non_field_errors() == ["月份不对。"]
    assert "name" not in form.cleaned_data


def test_an_error_without_fields_lands_at_the_top_every_line_of_it():
    form = _bound()
    show_domain_error(DomainError(["第一条。", "第二条。"]), form=form)
    assert form.non_field_errors() == ["第一条。", "第二条。"]
    assert "name" not in form.errors


def test_without_a_form_each_line_becomes_an_error_message():
    request = _request()
    show_domain_error(DomainError({"name": "名称已被使用。", "__all__": "无权操作。"}), request=request)
    assert sorted(str(m) for m in get_messages(request)) == ["名称已被使用。", "无权操作。"]
    assert {m.level_tag for m in get_messages(request)} == {"error"}


@pytest.mark.django_db
def test_full_clean_raises_the_models_errors_as_a_domain_error_keyed_by_field():
    Unit.objects.create(name="高邮镇", code="gaoyou-town", kind="town")
    unit = Unit(name="高邮镇", code="not a slug", kind="town")
    with pytest.raises(DomainError) as caught:
        full_clean(unit)
    assert set(caught.value.message_dict) == {"name", "code"}
    full_clean(unit, exclude=["name", "code"])  # what is excluded is not checked


class _Page(ServiceFormView):
    form_class = NameForm
    template_name = "portal/notices.html"  # any template: the test reads the context, not the page
    success_url = "/done/"

    def call_service(self, form):
        if form.cleaned_data["name"] == "重复":
            raise DomainError({"name": "名称已被使用。"})
        if form.cleaned_data["name"] == "模型":
            raise ValidationError({"__all__": "模型拒绝。"})  # a model's error the service let through
        return form.cleaned_data["name"]


def test_the_service_runs_and_the_user_is_told_and_sent_on():
    request = _request({"name": "新名称"})
    response = _Page.as_view()(request)
    assert response.status_code == 302
    assert response.url == "/done/"
    assert [str(m) for m in get_messages(request)] == ["已保存。"]


@pytest.mark.parametrize(("name", "field", "message"),
                         [("重复", "name", "名称已被使用。"), ("模型", "__all__", "模型拒绝。")])
def test_a_refusal_goes_back_onto_the_form_and_nothing_is_announced(name, field, message):
    request = _request({"name": name})
    response = _Page.as_view()(request)
    assert response.status_code == 200
    assert response.context_data["form"].errors == {field: [message]}
    assert list(get_messages(request)) == []
