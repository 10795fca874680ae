app_name = "localdemocracy"

urlpatterns: list = []
