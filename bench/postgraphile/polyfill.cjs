// PostGraphile 5 (grafast) calls Promise.withResolvers, which Node 22 has
// and Node 20, the version on Birge's machines, lacks. Preloaded with
// `node --require ./polyfill.cjs`.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
