from __future__ import annotations

from django.urls import path

from gongkai.publishing import interpretation_views, public_views, views

urlpatterns = [
    # public
    path("catalogue/", public_views.catalogue, name="catalogue"),
    path("catalogue.xlsx", public_views.catalogue_xlsx, name="catalogue_xlsx"),
    path("catalogue/<int:pk>/", public_views.public_item, name="public_item"),
    path("catalogue/files/<int:pk>/", public_views.public_attachment, name="public_attachment"),
    path("guide/<int:org_id>/", public_views.guide, name="guide"),
    # staff
    path("items/", views.item_list, name="items"),
    path("items/new/", views.item_new, name="item_new"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("items/<int:pk>/review/", views.item_review, name="item_review"),
    path("items/<int:pk>/correct/", views.item_correct, name="item_correct"),
    path("items/<int:pk>/withdraw/", views.item_withdraw, name="item_withdraw"),
    path("items/<int:pk>/interpretation/", interpretation_views.interpretation_new, name="interpretation_new"),
    path("items/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_remove, name="attachment_remove"),
    path("findings/<int:pk>/resolve/", views.finding_resolve, name="finding_resolve"),
    path("findings/<int:pk>/mask/", views.finding_mask, name="finding_mask"),
    path("register/", views.register_list, name="register"),
    path("register/new/", views.register_new, name="register_new"),
    path("register/<int:pk>/end/", views.register_end, name="register_end"),
    path("dictionaries/", views.dictionary_list, name="dictionaries"),
    path("dictionaries/new/", views.dictionary_edit, name="dictionary_new"),
    path("dictionaries/<int:pk>/", views.dictionary_edit, name="dictionary"),
    path("fixes/", views.fixes, name="fixes"),
]
