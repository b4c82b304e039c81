from .base import IamportResponse, IamportAuth
from . import api, consts, errors
from .client import Iamporter

__version__ = "0.2.4"

__all__ = ['__version__',
           'IamportResponse', 'IamportAuth',
           'api', 'consts', 'errors',
           'Iamporter', ]
