"""The publishing app's models, one module per family."""

from gongkai.publishing.models.numbering import NumberSequence
from gongkai.publishing.models.register import Amendment, NormativeDocument

__all__ = ["Amendment", "NormativeDocument", "NumberSequence"]
