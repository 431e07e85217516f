import cytoscape from '/vendor/cytoscape/cytoscape.esm.min.mjs';
import { analystGet } from './analyst-session.js';

/**
 * The network graph on the network page, drawn by Cytoscape (served from node_modules). It starts
 * from one network answer (an alert's person, an entity) and grows by one answer per node opened.
 * It knows persons only by the ref and masked NIK the server gave; drawing happens on a canvas, so
 * nothing here is markup.
 *
 * @typedef {import('./api-types.js').NetworkGraph} NetworkGraph
 * @typedef {import('./api-types.js').GraphPerson | import('./api-types.js').GraphEntity} GraphNode
 */

const MAX_FIT_ZOOM = 1.4;

/** @param {string} name  a custom property of base.css */
const colour = (name) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#64748b';

/** @returns {cytoscape.StylesheetJson} */
function graphStyle() {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 12,
        color: colour('--ink'),
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        width: 26,
        height: 26,
        'background-color': colour('--ink-faint'),
        'border-width': 2,
        'border-color': colour('--paper'),
      },
    },
    { selector: 'node[kind = "person"]', style: { shape: 'ellipse', 'background-color': colour('--low') } },
    { selector: 'node[severity = "MEDIUM"]', style: { 'background-color': colour('--medium') } },
    { selector: 'node[severity = "HIGH"]', style: { 'background-color': colour('--high') } },
    { selector: 'node[severity = "CRITICAL"]', style: { 'background-color': colour('--critical') } },
    {
      selector: 'node[kind = "sponsor"]',
      style: { shape: 'diamond', 'background-color': colour('--accent') },
    },
    {
      selector: 'node[kind = "company"]',
      style: { shape: 'round-rectangle', 'background-color': '#0f766e' },
    },
    { selector: 'node[kind = "booking"]', style: { shape: 'tag', 'background-color': '#7c3aed' } },
    { selector: 'node[kind = "phone"]', style: { shape: 'hexagon', 'background-color': '#0369a1' } },
    { selector: 'node[kind = "organiser"]', style: { shape: 'pentagon', 'background-color': '#a16207' } },
    { selector: 'node[?watchlisted]', style: { 'border-color': colour('--bad'), 'border-width': 4 } },
    { selector: 'node.expanded', style: { 'border-style': 'double', 'border-width': 5 } },
    { selector: 'node:selected', style: { 'overlay-opacity': 0.15, 'overlay-color': colour('--accent') } },
    {
      selector: 'edge',
      style: { width: 1.5, 'line-color': colour('--line'), 'curve-style': 'straight' },
    },
  ];
}

/** @param {GraphNode} node */
const elementOf = (node) => ({
  group: /** @type {const} */ ('nodes'),
  data: {
    id: node.id,
    kind: node.kind,
    label: node.label,
    severity: node.kind === 'person' ? (node.latestAlert?.severity ?? 'NONE') : 'NONE',
    watchlisted: node.kind === 'person' ? false : node.watchlisted,
  },
});

/**
 * @param {HTMLElement} container
 * @param {{
 *   onChange: () => void,
 *   onSelect: (node: GraphNode) => void,
 *   onError: (failure: unknown) => void,
 * }} events  onChange after the nodes changed or one was opened
 */
export function createNetworkGraph(container, events) {
  /** @type {cytoscape.Core | undefined} */
  let cy;
  /** @type {Map<string, GraphNode>} */
  const nodes = new Map();
  const expanded = new Set();
  const loading = new Set();
  /** @type {NetworkGraph | undefined} */
  let first;

  function core() {
    if (cy) return cy;
    const created = cytoscape({
      container,
      style: graphStyle(),
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    /** @param {cytoscape.EventObjectNode} event */
    const tapped = (event) => {
      const id = event.target.id();
      const node = nodes.get(id);
      if (node) events.onSelect(node);
      if (!expanded.has(id)) void open(id);
    };
    created.on('tap', 'node', (event) => tapped(/** @type {cytoscape.EventObjectNode} */ (event)));
    cy = created;
    return created;
  }

  /**
   * Asks for a node's network and adds what is new; `fresh` starts a new graph with it.
   * @param {string} id
   * @param {boolean} [fresh]
   */
  async function open(id, fresh = false) {
    if (loading.has(id)) return;
    loading.add(id);
    events.onChange();
    try {
      /** @type {NetworkGraph} */
      const answer = await analystGet(`/api/analyst/entities/${encodeURIComponent(id)}/network`);
      const graph = core();
      if (fresh) {
        graph.elements().remove();
        nodes.clear();
        expanded.clear();
        first = answer;
      }
      const origin = graph.getElementById(answer.centre);
      const near = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
      const added = answer.nodes.filter((node) => !nodes.has(node.id));
      for (const node of answer.nodes) nodes.set(node.id, node);
      graph.add(
        added.map((node, index) => ({
          ...elementOf(node),
          // New nodes start round the node they came from, so the layout moves little else.
          position: {
            x: near.x + 60 * Math.cos((2 * Math.PI * index) / Math.max(1, added.length)),
            y: near.y + 60 * Math.sin((2 * Math.PI * index) / Math.max(1, added.length)),
          },
        })),
      );
      graph.add(
        answer.edges
          .filter((edge) => graph.getElementById(edge.id).empty())
          .map((edge) => ({ group: /** @type {const} */ ('edges'), data: { ...edge } })),
      );
      // Opening the centre of an answer is what a click asks; an alert's id names its person.
      expanded.add(answer.centre);
      expanded.add(id);
      graph.getElementById(answer.centre).addClass('expanded');
      const layout = graph.layout({
        name: 'cose',
        animate: false,
        randomize: fresh,
        fit: true,
        padding: 30,
        // Room for a masked NIK or a name under every node.
        idealEdgeLength: () => 110,
        nodeRepulsion: () => 200_000,
      });
      // Fitting a few nodes would blow them up: past this zoom the labels outgrow the page's text.
      layout.one('layoutstop', () => {
        if (graph.zoom() <= MAX_FIT_ZOOM) return;
        graph.zoom(MAX_FIT_ZOOM);
        graph.center();
      });
      layout.run();
      const centre = nodes.get(answer.centre);
      if (fresh && centre) events.onSelect(centre);
    } catch (failure) {
      events.onError(failure);
    } finally {
      loading.delete(id);
      events.onChange();
    }
  }

  return {
    /** Starts a new graph from an entity id, `person:<ref>` or `alert:<alertId>`. */
    show: (/** @type {string} */ id) => open(id, true),
    open: (/** @type {string} */ id) => open(id),
    /** @param {string} id */
    select(id) {
      const node = nodes.get(id);
      if (!node || !cy) return;
      cy.elements().unselect();
      cy.getElementById(id).select();
      events.onSelect(node);
    },
    nodes: () => [...nodes.values()],
    first: () => first,
    isExpanded: (/** @type {string} */ id) => expanded.has(id),
    isLoading: (/** @type {string} */ id) => loading.has(id),
  };
}
