/**
 * How the layout worker (and the tests and bench that stand in for it) constructs ELK. Only the
 * layered algorithm is registered: the graph input asks for nothing else, and registering ELK's eight
 * other algorithms costs the worker's cold start a few hundred milliseconds on a loaded machine.
 */
export const elkOptions = { algorithms: ['layered'] };
