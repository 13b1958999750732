// rx-assistant-stream/openai: openai-node's streams as the same validated Observable.
export { fromOpenAIStream, type OpenAIStreamLike, type OpenAIStreamItem } from '../interop/from-openai-stream';
