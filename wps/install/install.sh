#!/bin/sh
# 安装、更新或卸载“区县妇联工作评价”WPS 表格加载项（离线包），Linux 与 macOS。
#
#   sh install.sh            安装或更新：把 __NAME_____VERSION__ 复制到 WPS 的 jsaddons 目录，
#                            并在 publish.xml 中写入本加载项的一项（旧版本的一项被替换）
#   sh install.sh --remove   卸载：删去本加载项的一项和目录
#
# 只改动 publish.xml 中 name="__NAME__" 的项；其他加载项原样保留，改动前的文件另存为 publish.xml.bak。
# （Kingsoft 的 wpsjs build --exe 安装程序会用只含自己的一项的文件覆盖 publish.xml：这里不这样做。）
# WPS_JSADDONS=目录 可指定 jsaddons 目录。改完请重新启动 WPS。
set -eu

NAME="__NAME__"
VERSION="__VERSION__"
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -n "${WPS_JSADDONS:-}" ]; then
  DIR="$WPS_JSADDONS"
elif [ "$(uname -s)" = "Darwin" ]; then
  DIR="$HOME/Library/Containers/com.kingsoft.wpsoffice.mac/Data/.kingsoft/wps/jsaddons"
else
  DIR="$HOME/.local/share/Kingsoft/wps/jsaddons"
fi
XML="$DIR/publish.xml"
REMOVE=no
[ "${1:-}" = "--remove" ] && REMOVE=yes

if [ "$REMOVE" = no ] && [ ! -d "$HERE/${NAME}_$VERSION" ]; then
  echo "找不到 ${NAME}_$VERSION 目录：请在解压后的离线包目录中运行本脚本。" >&2
  exit 1
fi
mkdir -p "$DIR"

ENTRY=""
[ "$REMOVE" = no ] && ENTRY="<jsplugin name=\"$NAME\" type=\"et\" url=\"${NAME}_$VERSION\" version=\"$VERSION\" enable=\"enable_dev\" install=\"null\" customDomain=\"\"/>"

# The new publish.xml: the old one without any entry named $NAME, with $ENTRY before </jsplugins>.
NEW="$XML.new.$$"
if [ -s "$XML" ]; then
  awk -v name="$NAME" -v entry="$ENTRY" '
    { text = text $0 "\n" }
    END {
      q = "\""
      # Self-closing entries (as WPS writes them), and entries with a closing tag.
      gsub("[ \t]*<jsplugin(online)?[^>]*[ \t\n]name=" q name q "[^>]*/>[ \t]*\n?", "", text)
      gsub("[ \t]*<jsplugin(online)?[^>]*[ \t\n]name=" q name q "[^>]*>[^<]*</jsplugin(online)?>[ \t]*\n?", "", text)
      if (text ~ /<jsplugins[^>]*\/>/) sub(/<jsplugins[^>]*\/>/, "<jsplugins>\n</jsplugins>", text)
      if (text !~ /<\/jsplugins>/) { print "publish.xml 中没有 <jsplugins> 根元素，未作改动。" > "/dev/stderr"; exit 2 }
      if (entry != "") {
        i = index(text, "</jsplugins>")
        text = substr(text, 1, i - 1) "  " entry "\n" substr(text, i)
      }
      printf "%s", text
    }' "$XML" > "$NEW" || { rm -f "$NEW"; exit 1; }
  cp "$XML" "$XML.bak"
else
  { echo "<jsplugins>"; [ -n "$ENTRY" ] && echo "  $ENTRY"; echo "</jsplugins>"; } > "$NEW"
fi

if [ "$REMOVE" = no ]; then
  rm -rf "$DIR/${NAME}_$VERSION"
  cp -R "$HERE/${NAME}_$VERSION" "$DIR/${NAME}_$VERSION"
fi
mv "$NEW" "$XML"
# Other versions of this add-in only (never another add-in's folder).
for old in "$DIR/${NAME}_"*; do
  [ -d "$old" ] || continue
  [ "$REMOVE" = no ] && [ "$old" = "$DIR/${NAME}_$VERSION" ] && continue
  rm -rf "$old"
done
if [ "$REMOVE" = yes ]; then echo "已卸载 $NAME。请重新启动 WPS。"; else echo "已安装 $NAME $VERSION 到 $DIR。请重新启动 WPS。"; fi
