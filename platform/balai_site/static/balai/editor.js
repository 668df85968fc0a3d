/* The WYSIWYG editor of stored HTML (balai_kernel.forms.RichTextarea).
 *
 * Every <textarea data-editor="web|surat"> becomes a HugeRTE editor (self-hosted under
 * static/vendor/hugerte) with the tools its profile keeps: the server cleans what is
 * sent with the same allowlist (balai_kernel/html.py), so a tool offered here for
 * markup the allowlist drops would only lose the user's work; the editor's own schema
 * is that allowlist (data-editor-elements, written by the server), so what it shows is
 * what will be stored. Without JavaScript, or if the editor fails to load, the
 * textarea stays and still works. The editor writes its HTML back into the textarea
 * on every change (and HugeRTE's form hook on submit); the hidden textarea is no
 * longer "required" for the browser, which could not show that message on it — the
 * server still refuses an empty body.
 */
(function () {
  "use strict";

  var BLOCKS_WEB = "Paragraf=p; Judul 2=h2; Judul 3=h3; Judul 4=h4; Kutipan=blockquote; Kode=pre";
  var BLOCKS_SURAT = "Paragraf=p; Judul 1=h1; Judul 2=h2; Judul 3=h3; Judul 4=h4; Blok=div";

  var PROFILES = {
    // Article, page and greeting bodies: structure only (no style, class or span).
    web: {
      plugins: "lists link table code",
      toolbar: "undo redo | blocks | bold italic underline strikethrough | " +
        "bullist numlist blockquote | link table | code",
      block_formats: BLOCKS_WEB,
      formats: {
        underline: { inline: "u", exact: true },
        strikethrough: { inline: "s", exact: true }
      },
      table_default_styles: {},
      table_default_attributes: {},
      table_use_colgroups: false,
      link_default_protocol: "https",
      link_target_list: false,
      link_title: false
    },
    // Letter templates (OpenSID's TinyMCE markup): tables, alignment and inline styles.
    surat: {
      plugins: "lists table code",
      toolbar: "undo redo | blocks fontsize | bold italic underline | " +
        "alignleft aligncenter alignright alignjustify | bullist numlist | table | code",
      block_formats: BLOCKS_SURAT,
      font_size_formats: "8pt 9pt 10pt 11pt 12pt 14pt 16pt 18pt"
    }
  };

  function baseUrl() {
    var script = document.querySelector('script[src*="vendor/hugerte/hugerte"]');
    return script ? script.src.replace(/\/[^\/]*$/, "") : null;
  }

  function start() {
    var areas = document.querySelectorAll("textarea[data-editor]");
    var base = baseUrl();
    if (!areas.length || !window.hugerte || !base) {
      return;
    }
    var language = (document.documentElement.lang || "id").slice(0, 2);
    Array.prototype.forEach.call(areas, function (area) {
      var profile = PROFILES[area.getAttribute("data-editor")];
      if (!profile) {
        return;
      }
      var options = {
        target: area,
        base_url: base,
        suffix: ".min",
        menubar: false,
        branding: false,
        promotion: false,
        statusbar: true,
        elementpath: false,
        resize: true,
        min_height: 320,
        entity_encoding: "raw",
        convert_urls: false,
        browser_spellcheck: true,
        contextmenu: false,
        valid_elements: area.getAttribute("data-editor-elements") || undefined,
        setup: function (editor) {
          editor.on("change input undo redo SetContent", function () {
            editor.save();
          });
        }
      };
      area.removeAttribute("required");
      if (language === "id") {
        options.language = "id";
      }
      Object.keys(profile).forEach(function (key) {
        options[key] = profile[key];
      });
      window.hugerte.init(options);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
