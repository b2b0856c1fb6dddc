// The corpus helpers for tests; implemented in sample.mjs so bench/ scripts share them.
export { CORPUS_EXTENSIONS, CORPUS_ROOT, type CorpusOptions, corpusFiles, MAX_FILE_BYTES, sampleCorpus } from './sample.mjs';
