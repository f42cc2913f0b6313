"""django-otp's OTPMiddleware with a cheaper load of the session's second-factor device.

Every request of a user who passed the second factor loads the device the session names (its persistent id,
`app_label.model/id`), so that a device deleted or no longer confirmed ends the verified state on the next request.
django-otp builds that query with the ORM on every request (`Device.from_persistent_id`: a queryset, `.first()`),
about a millisecond of Python. Here the same row is read with one written-out statement per device model (all its
columns, by primary key), from the database the router names for the device (the primary: second-factor state is
never read from a replica), and made an instance with `Model.from_db`, as the ORM does. Everything else is
django-otp's own: the device must belong to the user and be confirmed (`_finalize_device`), otherwise the session
forgets it and the user is not verified. A model whose columns need converting on the way in (none of the device
models do) is loaded by django-otp's own query."""

from django.apps import apps
from django.db import connections, router
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

# (model, database alias) → (SQL, attribute names), or None when the model is left to the ORM
_STATEMENTS = {}


def _statement(model, alias):
    key = (model, alias)
    if key not in _STATEMENTS:
        connection = connections[alias]
        qn = connection.ops.quote_name
        fields = list(model._meta.concrete_fields)
        converts = any(
            field.get_db_converters(connection) or connection.ops.get_db_converters(field.get_col("x"))
            for field in fields
        )
        if converts:
            _STATEMENTS[key] = None
        else:
            columns = ", ".join(qn(field.column) for field in fields)
            sql = (
                f"SELECT {columns} FROM {qn(model._meta.db_table)} "
                f"WHERE {qn(model._meta.pk.column)} = %s LIMIT 1"
            )
            _STATEMENTS[key] = (sql, [field.attname for field in fields])
    return _STATEMENTS[key]


def device_from_persistent_id(persistent_id):
    """The device a persistent id names, or None (a malformed id, an unknown model, a deleted device); the same
    answer as `Device.from_persistent_id`."""
    try:
        label, device_id = persistent_id.rsplit("/", 1)
        app_label, model_name = label.split(".")
        model = apps.get_model(app_label, model_name)
        device_id = int(device_id)
    except (ValueError, LookupError):
        return None
    if not issubclass(model, Device):
        return None
    alias = router.db_for_read(model)
    statement = _statement(model, alias)
    if statement is None:
        return model.objects.using(alias).filter(pk=device_id).first()
    sql, names = statement
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [device_id])
        row = cursor.fetchone()
    return None if row is None else model.from_db(alias, names, row)


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware (installs `request.user.otp_device` and `is_verified()`, lazily), loading the device
    with `device_from_persistent_id`."""

    def _device_from_persistent_id(self, persistent_id):
        return device_from_persistent_id(self._normalize_persistent_id(persistent_id))
