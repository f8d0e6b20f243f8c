from django.db import models


class Postcode(models.Model):
    """A postcode's centroid, from the ONS postcode lookup files."""

    postcode = models.CharField(
        "postcode",
        max_length=8,
        unique=True,
        help_text="Normalised: capitals, one space, e.g. M4 5JD.",
    )
    outward = models.CharField("outward code", max_length=4, db_index=True)
    latitude = models.DecimalField("latitude", max_digits=9, decimal_places=6)
    longitude = models.DecimalField("longitude", max_digits=9, decimal_places=6)
    local_authority = models.CharField(
        "local authority GSS code", max_length=9, blank=True, db_index=True
    )
    terminated = models.BooleanField(
        "terminated", default=False, help_text="No longer in use, according to the ONS file."
    )

    class Meta:
        ordering = ["postcode"]
        verbose_name = "postcode"
        verbose_name_plural = "postcodes"

    def __str__(self):
        return self.postcode


class PostcodeDistrict(models.Model):
    """An outward code's centroid (e.g. M4), from its live postcodes, for partial searches."""

    outward = models.CharField("outward code", max_length=4, unique=True)
    latitude = models.DecimalField("latitude", max_digits=9, decimal_places=6)
    longitude = models.DecimalField("longitude", max_digits=9, decimal_places=6)
    local_authority = models.CharField("local authority GSS code", max_length=9, blank=True)

    class Meta:
        ordering = ["outward"]
        verbose_name = "postcode district"
        verbose_name_plural = "postcode districts"

    def __str__(self):
        return self.outward
