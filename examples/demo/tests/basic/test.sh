#!/bin/bash
set -eo pipefail
uname -a
date --version | head -n 1
echo "basic tools are there"
