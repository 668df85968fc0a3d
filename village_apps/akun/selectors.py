"""Reads of the akun app: none beyond ``request.user.membership`` yet (the staff list
of people-and-roles lands here)."""
