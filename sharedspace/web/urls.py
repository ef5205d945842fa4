"""The web pages, mounted at the site root."""

from django.urls import include, path

from .views import (
    account,
    audit,
    auth,
    dashboard,
    history,
    imports,
    money,
    outside,
    parties,
    perception,
    proposals,
    public,
    spaces,
)

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("easy-read/", public.easy_read, name="easy_read"),
    path("sign-in/", auth.SignIn.as_view(), name="sign_in"),
    path("sign-in/sent/", auth.sign_in_sent, name="sign_in_sent"),
    path("sign-in/link/", auth.SignInLink.as_view(), name="sign_in_link"),
    path("sign-in/password/", auth.PasswordSignIn.as_view(), name="sign_in_password"),
    path("sign-out/", auth.sign_out, name="sign_out"),
    path("account/", account.Account.as_view(), name="account"),
    path("dashboard/", dashboard.Dashboard.as_view(), name="dashboard"),
    path("audit-import/", imports.ImportUpload.as_view(), name="audit_import"),
    path("audit-import/<str:job_id>/", imports.ImportJobPage.as_view(), name="audit_import_job"),
    path("audit-import/<str:job_id>/status/", imports.ImportJobStatus.as_view(),
         name="audit_import_status"),
    path("audit-import/<str:job_id>/download/<str:fmt>/", imports.ImportJobDownload.as_view(),
         name="audit_import_download"),
    path("audit-import/<str:job_id>/skipped-rows/", imports.ImportSkippedRows.as_view(),
         name="audit_import_skipped"),
    path("groups/new/", parties.PartyNew.as_view(), name="party_new"),
    path("groups/<str:party_id>/", parties.PartyPage.as_view(), name="party"),
    path("spaces/new/", spaces.SpaceNew.as_view(), name="space_new"),
    path("spaces/<str:space_id>/", spaces.SpaceOverview.as_view(), name="space"),
    path("spaces/<str:space_id>/proposals/", proposals.Proposals.as_view(), name="proposals"),
    path("spaces/<str:space_id>/money/", money.Fund.as_view(), name="fund"),
    path("spaces/<str:space_id>/outside-decisions/", outside.Outside.as_view(), name="outside"),
    path("spaces/<str:space_id>/history/", history.History.as_view(), name="history"),
    path("spaces/<str:space_id>/charter/", spaces.Charter.as_view(), name="charter"),
    path("spaces/<str:space_id>/audit/", audit.Audit.as_view(), name="audit"),
    path("spaces/<str:space_id>/audit/download/<str:fmt>/", audit.AuditDownload.as_view(),
         name="audit_download"),
    path("spaces/<str:space_id>/leave/", spaces.Leave.as_view(), name="leave"),
    path("proposals/<str:proposal_id>/", proposals.ProposalPage.as_view(), name="proposal"),
    path("spaces/<str:space_id>/perception/", perception.PerceptionRounds.as_view(),
         name="perception"),
    path("perception/<str:round_id>/", perception.PerceptionResults.as_view(),
         name="perception_round"),
    path("perception/<str:round_id>/answer/", perception.PerceptionAnswer.as_view(),
         name="perception_answer"),
    # Django's language switch: a POST to /i18n/setlang/ (named "web:set_language").
    path("i18n/", include("django.conf.urls.i18n")),
]
