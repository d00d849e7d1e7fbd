/** The tool's name in `contributes.languageModelTools`; `#generateImage` in chat refers to it. */
export const GENERATE_IMAGE_TOOL = 'dmxapi_generateImage';

/** The edit tool's name; `#editImage` in chat refers to it. */
export const EDIT_IMAGE_TOOL = 'dmxapi_editImage';
