from .client import Iamport

__all__ = ['Iamport']
