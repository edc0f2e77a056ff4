// Where links to types of other namespaces go: the GLib, GObject and GIO
// references are gi-docgen references too, so class.Object.html and the
// like exist there. GStreamer's reference is laid out differently and has
// no entry: its types are named but not linked.
// SPDX-License-Identifier: LGPL-2.1-or-later
baseURLs = [
  ['GLib', 'https://docs.gtk.org/glib/'],
  ['GObject', 'https://docs.gtk.org/gobject/'],
  ['Gio', 'https://docs.gtk.org/gio/'],
];
