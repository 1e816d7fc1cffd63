# Sourced by scripts/run and scripts/test: ensure_packages PKG... installs the Debian packages
# that are missing (with sudo when not root), quietly.
ensure_packages() {
  local missing=() p sudo=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "== installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# What the desktop client needs to build and run (also headless, under Xvfb with Mesa), and the
# fonts it loads for names in any script.
gui_packages=(libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri xvfb xauth fonts-noto-core
              fonts-dejavu-core fonts-droid-fallback)
