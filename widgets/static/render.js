// Draws DOT as SVG in the browser with viz.js (WebAssembly Graphviz); appended to viz.js, whose
// `instance` it uses. The kernel sends {kind: "render", id, dot}; the answer goes back as
// {kind: "svg", id, svg} or {kind: "error", id, error}. One Graphviz instance per page.
let graphviz = null;

function draw(dot) {
  graphviz ??= instance();
  return graphviz.then((viz) => {
    const result = viz.render(dot, { format: "svg" });
    if (result.status !== "success") {
      throw new Error(result.errors.map((e) => e.message).join("; ") || "Graphviz failed");
    }
    return result.output;
  });
}

export default {
  initialize({ model }) {
    model.on("msg:custom", async (msg) => {
      if (msg.kind !== "render") return;
      try {
        model.send({ kind: "svg", id: msg.id, svg: await draw(msg.dot) });
      } catch (error) {
        model.send({ kind: "error", id: msg.id, error: String(error.message || error) });
      }
    });
  },
};
