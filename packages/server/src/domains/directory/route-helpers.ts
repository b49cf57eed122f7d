export { actorOf, IdParams, NoContent } from '../../http/route-helpers.js';
