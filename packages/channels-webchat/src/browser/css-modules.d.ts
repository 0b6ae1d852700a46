// esbuild's `text` loader turns a CSS import into its source text (the widget puts it in its shadow root).
declare module '*.css' {
  const text: string;
  export default text;
}
