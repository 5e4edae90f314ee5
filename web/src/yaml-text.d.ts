// build.mjs bundles *.yaml files as their text (the Submit page's examples).
declare module '*.yaml' {
  const text: string;
  export default text;
}
