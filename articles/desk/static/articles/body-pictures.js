/* Pictures from the library inside a story's body (a django-prose-editor extension).
 *
 * The body keeps a picture as <figure data-image-id="12"></figure>: its id only (see
 * articles/html.py). In the editor the node shows the picture's thumbnail and caption, asked of
 * the library's cards/ URL. The toolbar's picture button opens the library in Django's lookup
 * popup (its list, with thumbnails, search and an upload button); Django's own
 * RelatedObjectLookups.js hands the chosen or newly uploaded picture's id back to a hidden
 * field beside the editor, and the picture is inserted where the cursor was.
 */
import { gettext, Node } from "django-prose-editor/editor"

const cards = new Map()
let pickerCount = 0

function cardFor(cardsUrl, id) {
  if (!cards.has(id)) {
    cards.set(
      id,
      fetch(`${cardsUrl}?ids=${encodeURIComponent(id)}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : { pictures: [] }))
        .then((data) => (data.pictures || []).find((card) => String(card.id) === String(id)) || null)
        .catch(() => {
          cards.delete(id)
          return null
        }),
    )
  }
  return cards.get(id)
}

function drawCard(dom, card) {
  dom.textContent = ""
  if (!card) {
    dom.classList.add("is-missing")
    const note = document.createElement("figcaption")
    note.textContent = gettext("This picture is no longer in the library; readers will not see it.")
    dom.append(note)
    return
  }
  const image = document.createElement("img")
  image.src = card.thumbnail
  image.alt = card.alt || ""
  const caption = document.createElement("figcaption")
  caption.dir = "auto"
  caption.textContent = card.credit ? `${card.caption} (${card.credit})` : card.caption
  dom.append(image, caption)
}

function openLibrary(editor, options) {
  // One hidden field per editor for Django's popup to write the chosen id into.
  let link = editor.storage.bodyPicture.link
  if (!link) {
    const input = document.createElement("input")
    input.type = "hidden"
    input.id = `body_picture_${++pickerCount}`
    link = document.createElement("a")
    link.id = `lookup_${input.id}`
    link.href = options.libraryUrl
    link.hidden = true
    editor.options.element.after(input, link)
    window.django.jQuery(input).on("change", () => {
      const id = input.value.trim()
      input.value = ""
      if (/^\d+$/.test(id)) editor.chain().focus().insertBodyPicture(id).run()
    })
    editor.storage.bodyPicture.link = link
  }
  window.showRelatedObjectLookupPopup(link)
}

export const BodyPicture = Node.create({
  name: "bodyPicture",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { cardsUrl: "", libraryUrl: "" }
  },

  addStorage() {
    return { link: null }
  },

  addAttributes() {
    return {
      imageId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image-id"),
        renderHTML: (attributes) => (attributes.imageId ? { "data-image-id": attributes.imageId } : {}),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image-id]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("figure")
      dom.className = "body-picture-node"
      dom.contentEditable = "false"
      dom.dataset.imageId = node.attrs.imageId || ""
      const waiting = document.createElement("figcaption")
      waiting.textContent = gettext("Loading the picture…")
      dom.append(waiting)
      cardFor(this.options.cardsUrl, node.attrs.imageId).then((card) => drawCard(dom, card))
      return { dom }
    }
  },

  addCommands() {
    return {
      insertBodyPicture:
        (id) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { imageId: String(id) } }),
    }
  },

  addMenuItems({ menu, buttons }) {
    const options = this.options
    menu.defineItem({
      name: "bodyPicture",
      groups: "nodes",
      button: buttons.material("image", gettext("Insert a picture from the library")),
      command(editor) {
        openLibrary(editor, options)
      },
    })
  },
})
