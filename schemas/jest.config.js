/** Contract checks: schemas parse, share the event envelope, and the generated types are current. */
module.exports = require('../jest.preset.js')({ displayName: 'schemas' });
