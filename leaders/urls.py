from django.urls import path

from . import views

app_name = "leaders"

urlpatterns = [
    path("", views.LeaderListView.as_view(), name="leader_list"),
    path("me/", views.MyWorkspaceView.as_view(), name="mine"),
    path("<int:pk>/", views.WorkspaceView.as_view(), name="workspace"),
    path("<int:pk>/links/", views.LinksView.as_view(), name="links"),
    path("<int:pk>/links/add/", views.LinkAddView.as_view(), name="link_add"),
    path("<int:pk>/links/<int:link_pk>/end/", views.LinkEndView.as_view(), name="link_end"),
    path("<int:pk>/role/", views.LeaderRoleView.as_view(), name="role"),
]
