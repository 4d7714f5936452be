/// The pages' only stylesheet, compiled in and served at `/assets/labdb.css`: light and
/// dark schemes, usable at phone width, and every colour doubled by a pattern or a label.
public enum Stylesheet {
    public static let path = "/assets/labdb.css"

    public static let text = """
    :root { --bg: #fbfbfa; --fg: #1d232a; --muted: #5d6670; --line: #d9dde1; --card: #ffffff; --accent: #1f6feb;
      --ok: #2e8b57; --warn: #b7791f; --crit: #c53030; --bar: #e8ebee;
      --static: #4c78a8; --cluster: #72b7b2; --load-balancer: #e45756; --dhcp: #f2cf5b; --reserved: #9d755d; --none: #8a939c; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #111418; --fg: #e6e9ec; --muted: #9aa4ae; --line: #2c333a; --card: #181c21; --accent: #58a6ff; --bar: #252b31;
        --ok: #48bb78; --warn: #ecc94b; --crit: #fc8181; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
    header { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: baseline; padding: .8rem 1.2rem; border-bottom: 1px solid var(--line); background: var(--card); }
    header .brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
    nav a { margin-right: .9rem; }
    main { padding: 1rem 1.2rem 2rem; max-width: 1200px; margin: 0 auto; }
    a { color: var(--accent); }
    h1 { font-size: 1.4rem; margin: .2rem 0 1rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .6rem; }
    .api { font-size: .85rem; color: var(--muted); } .muted { color: var(--muted); }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: .8rem; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .8rem; }
    .card h3 { margin: 0 0 .4rem; font-size: 1rem; }
    .meter { margin: .35rem 0; } .meter .label { display: flex; justify-content: space-between; font-size: .85rem; gap: .5rem; }
    .bar { position: relative; height: 12px; background: var(--bar); border-radius: 6px; overflow: hidden; }
    .bar .fill { position: absolute; inset: 0 auto 0 0; background: var(--ok); }
    .bar .reserve { position: absolute; inset: 0 0 0 auto; background: repeating-linear-gradient(45deg, var(--line) 0 3px, transparent 3px 6px); }
    .level-warning .fill { background: var(--warn); background-image: repeating-linear-gradient(45deg, rgba(0,0,0,.18) 0 3px, transparent 3px 6px); }
    .level-critical .fill { background: var(--crit); background-image: repeating-linear-gradient(-45deg, rgba(0,0,0,.28) 0 2px, transparent 2px 4px); }
    .badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 4px; border: 1px solid currentColor; }
    .badge.warning { color: var(--warn); } .badge.critical { color: var(--crit); } .badge.ok { color: var(--ok); }
    table { border-collapse: collapse; width: 100%; font-size: .9rem; } .scroll { overflow-x: auto; }
    th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { color: var(--muted); font-weight: 600; }
    .grid { display: grid; grid-template-columns: repeat(16, minmax(0, 1fr)); gap: 3px; max-width: 760px; }
    .cell { display: block; aspect-ratio: 1; min-width: 0; border-radius: 3px; border: 2px solid var(--c, var(--none)); font-size: .62rem;
      text-align: center; line-height: 1; padding-top: 30%; color: var(--fg); text-decoration: none; overflow: hidden; }
    .cell.allocated { background: var(--c, var(--none)); color: #fff; }
    .cell.role-network, .cell.role-broadcast { border-style: dashed; background: repeating-linear-gradient(45deg, var(--line) 0 2px, transparent 2px 5px); }
    .cell.role-gateway { outline: 2px solid var(--fg); outline-offset: -5px; }
    .p-static { --c: var(--static); } .p-cluster { --c: var(--cluster); } .p-load-balancer { --c: var(--load-balancer); }
    .p-dhcp { --c: var(--dhcp); } .p-reserved { --c: var(--reserved); } .p-none { --c: var(--none); }
    .p-cluster.allocated { background-image: repeating-linear-gradient(90deg, rgba(255,255,255,.25) 0 2px, transparent 2px 5px); }
    .p-load-balancer.allocated { background-image: repeating-linear-gradient(0deg, rgba(255,255,255,.3) 0 2px, transparent 2px 5px); }
    .p-reserved.allocated, .p-dhcp.allocated { background-image: radial-gradient(rgba(255,255,255,.45) 1px, transparent 1.5px); background-size: 5px 5px; }
    .block { display: block; aspect-ratio: 1; border: 1px solid var(--line); border-radius: 3px; background: color-mix(in srgb, var(--accent) calc(var(--u) * 100%), var(--card));
      font-size: .55rem; color: var(--fg); text-decoration: none; overflow: hidden; text-align: center; padding-top: 25%; }
    .legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin: .6rem 0 1rem; font-size: .85rem; align-items: center; }
    .legend .cell { width: 1.2rem; height: 1.2rem; display: inline-block; padding: 0; vertical-align: middle; margin-right: .3rem; }
    form.query { display: flex; gap: .5rem; flex-wrap: wrap; } form.query textarea { flex: 1 1 320px; min-height: 3.2rem; font: 14px ui-monospace, monospace;
      background: var(--card); color: var(--fg); border: 1px solid var(--line); border-radius: 6px; padding: .5rem; }
    button { font: inherit; padding: .4rem 1rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
    pre.error { background: var(--card); border: 1px solid var(--crit); border-radius: 6px; padding: .6rem; overflow-x: auto; white-space: pre; }
    ul.findings { padding-left: 1.1rem; } ul.findings li { margin: .2rem 0; }
    @media (max-width: 640px) { .grid { grid-template-columns: repeat(8, minmax(0, 1fr)); } main { padding: .8rem; } header { padding: .6rem .8rem; } }
    """
}
