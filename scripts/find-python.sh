#!/usr/bin/env sh
# Print a Python interpreter of version 3.12 or newer (Django 6.1 needs it).
# Tries python3.12, python3.13 and python3 on PATH, then interpreters installed by pyenv.
for candidate in python3.12 python3.13 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    command -v "$candidate"
    exit 0
  fi
done
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9])(\.[0-9]+)?$' | sort -V); do
    prefix=$(pyenv prefix "$version" 2>/dev/null) || continue
    if [ -x "$prefix/bin/python3" ]; then
      echo "$prefix/bin/python3"
      exit 0
    fi
  done
fi
echo "medvirk needs Python 3.12 or newer (Django 6.1 requires it); none was found." >&2
exit 1
