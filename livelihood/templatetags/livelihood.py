from django import template

register = template.Library()

STATUS_CLASSES = {
    "not_started": "text-bg-secondary",
    "in_progress": "text-bg-primary",
    "completed": "text-bg-success",
    "overdue": "text-bg-danger",
    "explained": "text-bg-warning",
}
PACE_CLASSES = {"ahead": "text-bg-success", "on_track": "text-bg-primary", "slow": "text-bg-danger"}


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(str(status), "text-bg-secondary")


@register.filter
def pace_class(pace):
    return PACE_CLASSES.get(str(pace), "text-bg-secondary")
