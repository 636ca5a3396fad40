/**
 * Word lists the simulated world draws its names from (horses, people, studs, sponsors).
 * All invented for the simulator; any likeness to a real name is chance.
 * @module
 */

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/).map((w) => w.replaceAll("_", " "));
}

/** Adjectives and colours that open two-word horse names. */
export const HORSE_FIRST_WORDS = words(`
  Silver Golden Crimson Velvet Royal Northern Southern Western Eastern Silent Distant Wild Bold
  Brave Swift Quiet Hidden Lucky Early Late Midnight Morning Evening Summer Winter Autumn Spring
  Scarlet Amber Copper Iron Stone Misty Stormy Sunny Frosty Rapid Gentle Noble Secret Magic Ancient
  Blue Green Grey Black White Red Rosy Dusky Twilight Starry Lunar Solar Arctic Coastal Highland
  Lowland River Ocean Harbour Mountain Meadow Forest Desert Island Valley Urban Rural Grand Little
  Big High Deep True Free Proud Happy Merry Jolly Sweet Sharp Steady Lively Dancing Flying Roaring
  Whistling Singing Laughing Running Rolling Shining Burning Falling Rising Drifting Wandering
  Thunder Lightning Captain Major General Colonel Lady Lord Sir Master Miss Mister King Queen
  Prince Princess Duke Baron Count Sultan Emperor Admiral Doctor Professor Father Mother Uncle
  Cosmic Electric Atomic Classic Vintage Modern Final First Second Lost Found Open Secret Perfect
  Double Triple Lone Brilliant Radiant Faithful Fearless Restless Endless Timeless Shadow Crystal
  Diamond Ruby Sapphire Emerald Pearl Marble Cobalt Indigo Saffron Cinnamon Ginger Honey Maple
  Willow Cedar Aspen Hazel Rowan Heather Thistle Clover Bramble Ember Blaze Spark Flint
`);

/** Nouns that close two-word horse names. */
export const HORSE_SECOND_WORDS = words(`
  Arrow Harbour Echo Legend Spirit Dancer Runner Flyer Dream Storm Star Moon Sun Comet Meteor Rocket
  Falcon Hawk Eagle Raven Sparrow Swallow Heron Kestrel Osprey Lark Robin Wren Fox Wolf Bear Tiger
  Lion Panther Stallion Mustang Charger Warrior Knight Ranger Hunter Rider Sailor Pilot Voyager
  Pioneer Drifter Rambler Rover Wanderer Traveller Pilgrim Nomad Gambler Dealer Banker Baron Monarch
  Crown Sceptre Throne Castle Tower Bridge Gate Road Lane Path Trail River Brook Creek Lake Bay Cove
  Shore Cliff Ridge Peak Summit Valley Glen Dale Field Meadow Garden Orchard Forest Grove Wood Oak
  Elm Pine Rose Lily Tulip Violet Daisy Poppy Orchid Jasmine Melody Harmony Rhythm Tune Song Ballad
  Anthem Sonnet Verse Poem Story Tale Fable Myth Riddle Secret Whisper Promise Wish Hope Glory Honour
  Pride Fortune Destiny Chance Venture Quest Journey Mission Affair Romance Passion Fire Flame Spark
  Blaze Thunder Breeze Wind Gale Tempest Rain Mist Frost Snow Ice Cloud Sky Horizon Dawn Dusk Twilight
  Midnight Shadow Light Beam Ray Gleam Glow Jewel Gem Treasure Nugget Coin Penny Ticket Token Key Lock
  Anchor Compass Lantern Beacon Signal Banner Flag Shield Sword Lance Arrow Bow Drum Bell Harp Fiddle
  Piper Jester Joker Rascal Rogue Scamp Charmer Dazzler Stunner Thriller Spinner Twister Tumbler
  Hero Champion Victor Winner Ace Maverick Rebel Outlaw Bandit Pirate Smuggler Buccaneer Corsair
`);

/** Invented single-word names. */
export const HORSE_SINGLE_NAMES = words(`
  Veralto Castrano Mirabeau Solvane Tavera Lumina Ostrava Pellico Quintara Rosalind Sabreur Tamarisk
  Umbria Valdoro Wexcombe Xanthos Yarrowby Zephyra Alcazar Belvane Corvina Delamere Esterel Farandole
  Galivant Halcyon Ilmarin Jessamy Kilbrannan Lorelei Marchetti Novarra Oriana Penrose Quillon
  Ravenna Serafina Torrente Ulverston Valtrona Windemere Yelverton Zanzibar Arcadian Bellisario
  Calloway Dunmore Everton Fenwick Glenara Harcourt Inverurie Jasperine Kinvara Lisnagh Mountjoy
  Newgrange Oranmore Portlaw Rathmore Shanagolden Tullamore Ventry Westport Youghal Ardmore Ballinure
  Carrigeen Derrylin Ennistymon Fethard Gortmore Hollyford Inchicore Kilcolgan Lismore Moyvalley
  Navanstown Oldcastle Piltown Rosscarbery Slievenamon Templemore Urlingford Velasco Altamira
  Barcarolle Cabriole Dolcetto Escapade Fandango Gavotte Habanera Intermezzo Jubilate Kabuki Lambada
  Mazurka Nocturne Ostinato Pavane Quadrille Rondeau Saraband Tarantella Vivace Waltzing Zapateado
  Astrodome Byzantine Catapult Dynamo Epicentre Fulcrum Gyroscope Hologram Isotope Juggernaut
  Kaleidoscope Labyrinth Monolith Nebula Obelisk Paragon Quasar Rhapsody Stratagem Talisman Unison
  Vortex Whirligig Zeitgeist Acrobat Bravado Carnival Daredevil Envoy Firebrand Gallant Highwayman
`);

/** Male first names (British and Irish). */
export const MALE_FIRST_NAMES = words(`
  James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony Mark
  Paul Steven Andrew Kevin Brian George Edward Ronan Patrick Sean Liam Conor Ciaran Declan Eoin Cian
  Oisin Darragh Shane Barry Niall Colm Fergal Donal Tadhg Rory Harry Oliver Jack Charlie Oscar Alfie
  Freddie Archie Henry Louis Theo Rhys Owen Callum Jamie Lewis Ryan Adam Ben Sam Tom Luke Ross Neil
  Gavin Ross Jason Dean Wayne Craig Stuart Graham Alan Ian Keith Martin Gary Tony Phil Nick Simon
  Hugh Rupert Toby Hector Jonjo Fran Billy Danny Joe Dylan Kieran Aidan Cathal Seamus Jody Finn
`);

/** Female first names (British and Irish). */
export const FEMALE_FIRST_NAMES = words(`
  Mary Sarah Emma Laura Rachel Hannah Sophie Lucy Kate Amy Megan Chloe Jessica Rebecca Charlotte
  Hollie Hayley Bryony Rachael Lizzie Georgia Grace Ella Isabel Niamh Aoife Siobhan Ciara Roisin Orla
  Aisling Sinead Deirdre Grainne Maeve Saoirse Caoimhe Clodagh Fiona Joanna Nicola Claire Louise
  Victoria Amelia Olivia Freya Millie Poppy Rosie Daisy Molly Jenny Harriet Pippa Tabitha Beth Gemma
`);

/** Surnames (British and Irish). */
export const SURNAMES = words(`
  Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson
  Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin
  Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips
  Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey
  Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh
  Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews
  Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins
  O'Brien O'Sullivan Walsh Byrne Ryan O'Connor O'Neill Doyle McCarthy Gallagher Doherty Kennedy
  Lynch Murray Quinn Moore McLoughlin O'Carroll Connolly Daly Connell Dunne Brennan Burke Hayes
  Nolan Fitzgerald Power Keane Mullins Elliott Cromwell Harrington Geraghty Townend Blackmore
  Kavanagh Hanlon Buckley Cotter Slattery Fahey Meade Cullen Costello Hogan Madden Tierney Whelan
  Fenwick Aspell Bowen Crosse Dunwoody Fairhurst Gosden Haggas Hannon Jarvis Kirby Loder Mangan
  Norris Ormsby Pelling Quayle Rimell Sayer Tinkler Usher Vaughan Wadham Yeoman Ashby Brockley
  Carraway Dalby Easterby Fanshawe Gillard Hesketh Ingham Juckes Kettlewell Leadbetter Moffatt
  Nettleton Oakes Pickering Ramsden Stubbs Thwaites Underwood Varley Whitaker Yardley Ainsworth
`);

/** Given names and surnames for foreign jurisdictions. */
export const FOREIGN_NAMES: Readonly<
  Record<string, { first: readonly string[]; last: readonly string[] }>
> = {
  fr: {
    first: words(
      `Jean Pierre Louis Antoine Mathieu Christophe Maxime Stephane Olivier Nicolas Aurelien Mickael`,
    ),
    last: words(
      `Dubois Lemaire Moreau Girard Rousseau Fournier Lambert Bonnet Mercier Chevalier Garnier Faure`,
    ),
  },
  ger: {
    first: words(`Andreas Markus Stefan Thomas Bauyrzhan Rene Lukas Jonas Felix Wladimir`),
    last: words(`Schmidt Weber Becker Hoffmann Schulz Wolf Richter Klein Neumann Schwarz`),
  },
  usa: {
    first: words(`Todd Chad Brad Irad Javier Luis Flavien Joel Tyler Jose Steve Mike`),
    last: words(`Brown Baffert Cox Pletcher Ortiz Prat Velazquez Saez Rosario Castellano Geroux`),
  },
  aus: {
    first: words(`James Damien Craig Jamie Kerrin Blake Hugh Tommy Chris Annabel Ciaron Mark`),
    last: words(`McDonald Oliver Williams Kah Shinn Bowman Waller Maher Eustace Freedman Zahra`),
  },
  hk: {
    first: words(`Zac Vincent Karis Matthew Hugh Alexis Derek Jerry Frankie Ricky`),
    last: words(`Purton Ho Teetan Chadwick Bowman Badel Leung Chau Lor Yiu`),
  },
  jpn: {
    first: words(`Yutaka Christophe Keita Yuga Takeshi Hiroyuki Kenichi Yuichi Norihiro Ryusei`),
    last: words(`Take Tosaki Kawada Yokoyama Fukunaga Sakai Ikezoe Kitamura Matsuyama Tanaka`),
  },
  uae: {
    first: words(`Saeed Ahmed Mohammed Rashid Ali Salem Khalid Omar`),
    last: words(`Al_Maktoum Bin_Suroor Al_Shamsi Al_Raihe Al_Mazrouei Seemar Watson Dubb`),
  },
};

/** Training centres for trainer locations, by region code. */
export const TRAINING_CENTRES: Readonly<Record<string, readonly string[]>> = {
  gb: words(`
    Newmarket,_Suffolk Lambourn,_Berks Malton,_N_Yorks Middleham,_N_Yorks Epsom,_Surrey
    Upper_Lambourn,_Berks East_Ilsley,_Berks Marlborough,_Wilts Cheltenham,_Gloucs
    Ditcheat,_Somerset Naunton,_Gloucs Hambleton,_N_Yorks Thirsk,_N_Yorks Kinneston,_Perth
    Hawick,_Borders Carluke,_S_Lanarks Cholmondeley,_Cheshire Uttoxeter,_Staffs Leyburn,_N_Yorks
    Kingsclere,_Hants Pulborough,_W_Sussex Findon,_W_Sussex Tarporley,_Cheshire Hednesford,_Staffs
    Newport,_Newport Cowbridge,_Vale_of_Glamorgan Ledbury,_Herefordshire Wantage,_Oxon
  `),
  ire: words(`
    Curragh,_Co_Kildare Closutton,_Co_Carlow Cullentra,_Co_Meath Ballydoyle,_Co_Tipperary
    Navan,_Co_Meath Kilcullen,_Co_Kildare Fethard,_Co_Tipperary Gowran,_Co_Kilkenny
    Ballingarry,_Co_Limerick Rathcoole,_Co_Dublin Trim,_Co_Meath Mallow,_Co_Cork
  `),
  fr: words(`Chantilly,_France Maisons-Laffitte,_France Deauville,_France Pau,_France`),
  ger: words(`Cologne,_Germany Hoppegarten,_Germany Munich,_Germany`),
  usa: words(`Kentucky,_USA New_York,_USA California,_USA Florida,_USA`),
  aus: words(`Flemington,_Australia Randwick,_Australia Caulfield,_Australia`),
  hk: words(`Sha_Tin,_Hong_Kong`),
  jpn: words(`Ritto,_Japan Miho,_Japan`),
  uae: words(`Al_Quoz,_UAE Meydan,_UAE`),
};

/** Words for owner partnerships, syndicates and companies. */
export const OWNER_WORDS = words(`
  Harrow Foxtrot Kestrel Redmoor Ashgrove Birchwood Cloverfield Dunstan Elmstead Fernleigh Glebe
  Hollybank Ivybridge Juniper Kingfisher Larkspur Millbrook Nettlebed Oakfield Pennywell Quarry
  Riverside Stonehaven Thornbury Upland Valebrook Westfield Yewtree Blackthorn Crossways Dovecote
  Eaglesfield Fairway Greenway Heathfield Ironstone Kilnhouse Longmeadow Marshgate Northgate
`);

/** Suffixes for owner partnership names. */
export const OWNER_SUFFIXES = words(`
  Partnership Syndicate Racing Racing_Club Racing_Limited Bloodstock Thoroughbreds Stables
  Racing_Partnership Owners_Group Equine_Ltd Family Friends
`);

/** Words for stud farms (breeders). */
export const STUD_WORDS = words(`
  Ballykeel Coolmore_Park Derrinstown_Lodge Glenvale Kilcarn_Park Moyglare_Lodge Rathbarry_House
  Sunnyhill Whitsbury_Lodge Cheveley_Grange Lanwades_Hall Dalham_Grange Juddfield Meon_Valley
  Ballylinch_Park Airlie_Grange Tally-Ho_Lodge Yeomanstown_House Croom_House Ringfort Castlehyde
  Kildaragh Newsells_Grange Highclere_Lodge Bearstone_Hall Mount_Coote Oak_Lodge Hascombe_Valley
  Norelands Barronstown_House Knocktoran Rockfield Shadwell_Vale Watership_Down_Farm Wood_Farm
`);

/** Sponsors that give their names to races. */
export const RACE_SPONSORS = words(`
  Racecourse_Media Starline_Bet Kingsbet BetRiver Pinnacle_Tote Racing_Channel Northway_Homes
  Highland_Spring_Water Fernley_Motors Atlas_Construction Greenfield_Farms Oakmere_Brewery
  Riverside_Hotels Carrick_Bloodstock Sunbury_Insurance Meridian_Builders Clarion_Print
  Harbour_View_Holidays Copperbeech_Developments Bluebell_Dairies Castle_Rock_Gin Westgate_Legal
  Tollgate_Vets Ashbourne_Cars Ridgeway_Windows Swan_Lane_Catering Cloverleaf_Jewellers
  Goldcrest_Timber Marlow_Financial Thornfield_Logistics Evergreen_Nurseries Beacon_Electrical
`);

/** In-running comment fragments for results, by stage of the race. */
export const COMMENT_EARLY = words(`
  Led Tracked_leaders Prominent Chased_leaders In_touch Held_up Held_up_in_rear Midfield
  Slowly_away Raced_keenly Towards_rear Close_up Behind Disputed_lead Pressed_leader
`);

/** Middle-stage comment fragments. */
export const COMMENT_MIDDLE = words(`
  headway_over_2f_out pushed_along_3f_out ridden_over_2f_out switched_left_over_1f_out
  not_clear_run_2f_out outpaced_halfway went_second_over_1f_out challenged_final_furlong
  headway_3_out mistake_2_out not_fluent_last ridden_approaching_last weakened_2_out
  effort_on_outside_over_2f_out lost_place_halfway every_chance_1f_out
`);

/** Finishing comment fragments. */
export const COMMENT_LATE = words(`
  led_final_110yds ran_on kept_on_same_pace no_extra_final_furlong weakened_final_furlong
  stayed_on_well_final_furlong one_pace ridden_clear_final_furlong held_on_gamely
  kept_on_towards_finish never_dangerous beaten_when_eased no_impression
`);
