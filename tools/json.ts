// A JSON object as tests, fakes and scripts read it: fields accessed without narrowing (the
// app's own code narrows a `Json` of src/common/json/json-object.ts instead).
export type Json = Record<string, any>;
