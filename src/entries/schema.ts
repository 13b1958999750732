// rx-assistant-stream/schema: the io-ts codecs of the wire format and their plumbing (getCodecs, buildCodecs,
// lenientCodecs, eventData), with their types. The main entry exports the same types, as types.
export * from '../schema';
