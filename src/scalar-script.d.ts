/** The API reference's browser script as text: a Text module in the Worker bundle (wrangler.toml [[rules]]), src/worker-host.ts. */
declare module "*/@scalar/api-reference/dist/browser/standalone.js" {
  const script: string;
  export default script;
}
