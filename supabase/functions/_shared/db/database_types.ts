
export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  
  "public": {
          Tables: {
            "ra_api_responses": {
                  Row: {
                    "body": Json | null,"endpoint": string | null,"fetched_at": string,"id": number,"params": NonNullable<Json>,"run_id": string | null,"sha256": string | null,"status": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "body"?: Json | null,"endpoint"?: string | null,"fetched_at"?: string,"id"?: never,"params"?: NonNullable<Json>,"run_id"?: string | null,"sha256"?: string | null,"status"?: number | null
                  }
                  Update: {
                    "body"?: Json | null,"endpoint"?: string | null,"fetched_at"?: string,"id"?: never,"params"?: NonNullable<Json>,"run_id"?: string | null,"sha256"?: string | null,"status"?: number | null
                  }
                  Relationships: [
                    
                  ]
                },"ra_api_throttle": {
                  Row: {
                    "bucket": string,"burst": number | null,"granted": number,"next_slot_at": string | null,"priority_next_at": string | null,"rate_per_second": number | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "bucket": string,"burst"?: number | null,"granted"?: number,"next_slot_at"?: string | null,"priority_next_at"?: string | null,"rate_per_second"?: number | null,"updated_at"?: string
                  }
                  Update: {
                    "bucket"?: string,"burst"?: number | null,"granted"?: number,"next_slot_at"?: string | null,"priority_next_at"?: string | null,"rate_per_second"?: number | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_dam_statistics": {
                  Row: {
                    "ae_index": number | null,"best_class": number | null,"best_class_ae_index": number | null,"best_class_expected_wins": number | null,"best_class_runs": number | null,"best_class_win_percent": number | null,"best_class_wins": number | null,"best_distance": string | null,"best_distance_ae_index": number | null,"best_distance_expected_wins": number | null,"best_distance_runs": number | null,"best_distance_win_percent": number | null,"best_distance_wins": number | null,"dam_id": string,"expected_wins": number | null,"own_places": number | null,"own_runs": number | null,"own_win_percent": number | null,"own_wins": number | null,"place_percent": number | null,"profit_loss_1u": number | null,"roi_percent": number | null,"top_class_1": number | null,"top_class_1_ae_index": number | null,"top_class_1_expected_wins": number | null,"top_class_1_runs": number | null,"top_class_1_win_percent": number | null,"top_class_1_wins": number | null,"top_class_2": number | null,"top_class_2_ae_index": number | null,"top_class_2_expected_wins": number | null,"top_class_2_runs": number | null,"top_class_2_win_percent": number | null,"top_class_2_wins": number | null,"top_class_3": number | null,"top_class_3_ae_index": number | null,"top_class_3_expected_wins": number | null,"top_class_3_runs": number | null,"top_class_3_win_percent": number | null,"top_class_3_wins": number | null,"top_distance_1": string | null,"top_distance_1_ae_index": number | null,"top_distance_1_expected_wins": number | null,"top_distance_1_runs": number | null,"top_distance_1_win_percent": number | null,"top_distance_1_wins": number | null,"top_distance_2": string | null,"top_distance_2_ae_index": number | null,"top_distance_2_expected_wins": number | null,"top_distance_2_runs": number | null,"top_distance_2_win_percent": number | null,"top_distance_2_wins": number | null,"top_distance_3": string | null,"top_distance_3_ae_index": number | null,"top_distance_3_expected_wins": number | null,"top_distance_3_runs": number | null,"top_distance_3_win_percent": number | null,"top_distance_3_wins": number | null,"total_places": number | null,"total_runs": number | null,"total_seconds": number | null,"total_thirds": number | null,"total_wins": number | null,"win_percent": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"best_class"?: number | null,"best_class_ae_index"?: number | null,"best_class_expected_wins"?: number | null,"best_class_runs"?: number | null,"best_class_win_percent"?: number | null,"best_class_wins"?: number | null,"best_distance"?: string | null,"best_distance_ae_index"?: number | null,"best_distance_expected_wins"?: number | null,"best_distance_runs"?: number | null,"best_distance_win_percent"?: number | null,"best_distance_wins"?: number | null,"dam_id": string,"expected_wins"?: number | null,"own_places"?: number | null,"own_runs"?: number | null,"own_win_percent"?: number | null,"own_wins"?: number | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"top_class_1"?: number | null,"top_class_1_ae_index"?: number | null,"top_class_1_expected_wins"?: number | null,"top_class_1_runs"?: number | null,"top_class_1_win_percent"?: number | null,"top_class_1_wins"?: number | null,"top_class_2"?: number | null,"top_class_2_ae_index"?: number | null,"top_class_2_expected_wins"?: number | null,"top_class_2_runs"?: number | null,"top_class_2_win_percent"?: number | null,"top_class_2_wins"?: number | null,"top_class_3"?: number | null,"top_class_3_ae_index"?: number | null,"top_class_3_expected_wins"?: number | null,"top_class_3_runs"?: number | null,"top_class_3_win_percent"?: number | null,"top_class_3_wins"?: number | null,"top_distance_1"?: string | null,"top_distance_1_ae_index"?: number | null,"top_distance_1_expected_wins"?: number | null,"top_distance_1_runs"?: number | null,"top_distance_1_win_percent"?: number | null,"top_distance_1_wins"?: number | null,"top_distance_2"?: string | null,"top_distance_2_ae_index"?: number | null,"top_distance_2_expected_wins"?: number | null,"top_distance_2_runs"?: number | null,"top_distance_2_win_percent"?: number | null,"top_distance_2_wins"?: number | null,"top_distance_3"?: string | null,"top_distance_3_ae_index"?: number | null,"top_distance_3_expected_wins"?: number | null,"top_distance_3_runs"?: number | null,"top_distance_3_win_percent"?: number | null,"top_distance_3_wins"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"best_class"?: number | null,"best_class_ae_index"?: number | null,"best_class_expected_wins"?: number | null,"best_class_runs"?: number | null,"best_class_win_percent"?: number | null,"best_class_wins"?: number | null,"best_distance"?: string | null,"best_distance_ae_index"?: number | null,"best_distance_expected_wins"?: number | null,"best_distance_runs"?: number | null,"best_distance_win_percent"?: number | null,"best_distance_wins"?: number | null,"dam_id"?: string,"expected_wins"?: number | null,"own_places"?: number | null,"own_runs"?: number | null,"own_win_percent"?: number | null,"own_wins"?: number | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"top_class_1"?: number | null,"top_class_1_ae_index"?: number | null,"top_class_1_expected_wins"?: number | null,"top_class_1_runs"?: number | null,"top_class_1_win_percent"?: number | null,"top_class_1_wins"?: number | null,"top_class_2"?: number | null,"top_class_2_ae_index"?: number | null,"top_class_2_expected_wins"?: number | null,"top_class_2_runs"?: number | null,"top_class_2_win_percent"?: number | null,"top_class_2_wins"?: number | null,"top_class_3"?: number | null,"top_class_3_ae_index"?: number | null,"top_class_3_expected_wins"?: number | null,"top_class_3_runs"?: number | null,"top_class_3_win_percent"?: number | null,"top_class_3_wins"?: number | null,"top_distance_1"?: string | null,"top_distance_1_ae_index"?: number | null,"top_distance_1_expected_wins"?: number | null,"top_distance_1_runs"?: number | null,"top_distance_1_win_percent"?: number | null,"top_distance_1_wins"?: number | null,"top_distance_2"?: string | null,"top_distance_2_ae_index"?: number | null,"top_distance_2_expected_wins"?: number | null,"top_distance_2_runs"?: number | null,"top_distance_2_win_percent"?: number | null,"top_distance_2_wins"?: number | null,"top_distance_3"?: string | null,"top_distance_3_ae_index"?: number | null,"top_distance_3_expected_wins"?: number | null,"top_distance_3_runs"?: number | null,"top_distance_3_win_percent"?: number | null,"top_distance_3_wins"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_dam_statistics_dam_id_fkey"
      columns: ["dam_id"]
isOneToOne: true
      referencedRelation: "ra_mst_dams"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_damsire_statistics": {
                  Row: {
                    "ae_index": number | null,"best_class": number | null,"best_class_ae_index": number | null,"best_class_expected_wins": number | null,"best_class_runs": number | null,"best_class_win_percent": number | null,"best_class_wins": number | null,"best_distance": string | null,"best_distance_ae_index": number | null,"best_distance_expected_wins": number | null,"best_distance_runs": number | null,"best_distance_win_percent": number | null,"best_distance_wins": number | null,"damsire_id": string,"expected_wins": number | null,"own_places": number | null,"own_runs": number | null,"own_win_percent": number | null,"own_wins": number | null,"place_percent": number | null,"profit_loss_1u": number | null,"roi_percent": number | null,"top_class_1": number | null,"top_class_1_ae_index": number | null,"top_class_1_expected_wins": number | null,"top_class_1_runs": number | null,"top_class_1_win_percent": number | null,"top_class_1_wins": number | null,"top_class_2": number | null,"top_class_2_ae_index": number | null,"top_class_2_expected_wins": number | null,"top_class_2_runs": number | null,"top_class_2_win_percent": number | null,"top_class_2_wins": number | null,"top_class_3": number | null,"top_class_3_ae_index": number | null,"top_class_3_expected_wins": number | null,"top_class_3_runs": number | null,"top_class_3_win_percent": number | null,"top_class_3_wins": number | null,"top_distance_1": string | null,"top_distance_1_ae_index": number | null,"top_distance_1_expected_wins": number | null,"top_distance_1_runs": number | null,"top_distance_1_win_percent": number | null,"top_distance_1_wins": number | null,"top_distance_2": string | null,"top_distance_2_ae_index": number | null,"top_distance_2_expected_wins": number | null,"top_distance_2_runs": number | null,"top_distance_2_win_percent": number | null,"top_distance_2_wins": number | null,"top_distance_3": string | null,"top_distance_3_ae_index": number | null,"top_distance_3_expected_wins": number | null,"top_distance_3_runs": number | null,"top_distance_3_win_percent": number | null,"top_distance_3_wins": number | null,"total_places": number | null,"total_runs": number | null,"total_seconds": number | null,"total_thirds": number | null,"total_wins": number | null,"win_percent": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"best_class"?: number | null,"best_class_ae_index"?: number | null,"best_class_expected_wins"?: number | null,"best_class_runs"?: number | null,"best_class_win_percent"?: number | null,"best_class_wins"?: number | null,"best_distance"?: string | null,"best_distance_ae_index"?: number | null,"best_distance_expected_wins"?: number | null,"best_distance_runs"?: number | null,"best_distance_win_percent"?: number | null,"best_distance_wins"?: number | null,"damsire_id": string,"expected_wins"?: number | null,"own_places"?: number | null,"own_runs"?: number | null,"own_win_percent"?: number | null,"own_wins"?: number | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"top_class_1"?: number | null,"top_class_1_ae_index"?: number | null,"top_class_1_expected_wins"?: number | null,"top_class_1_runs"?: number | null,"top_class_1_win_percent"?: number | null,"top_class_1_wins"?: number | null,"top_class_2"?: number | null,"top_class_2_ae_index"?: number | null,"top_class_2_expected_wins"?: number | null,"top_class_2_runs"?: number | null,"top_class_2_win_percent"?: number | null,"top_class_2_wins"?: number | null,"top_class_3"?: number | null,"top_class_3_ae_index"?: number | null,"top_class_3_expected_wins"?: number | null,"top_class_3_runs"?: number | null,"top_class_3_win_percent"?: number | null,"top_class_3_wins"?: number | null,"top_distance_1"?: string | null,"top_distance_1_ae_index"?: number | null,"top_distance_1_expected_wins"?: number | null,"top_distance_1_runs"?: number | null,"top_distance_1_win_percent"?: number | null,"top_distance_1_wins"?: number | null,"top_distance_2"?: string | null,"top_distance_2_ae_index"?: number | null,"top_distance_2_expected_wins"?: number | null,"top_distance_2_runs"?: number | null,"top_distance_2_win_percent"?: number | null,"top_distance_2_wins"?: number | null,"top_distance_3"?: string | null,"top_distance_3_ae_index"?: number | null,"top_distance_3_expected_wins"?: number | null,"top_distance_3_runs"?: number | null,"top_distance_3_win_percent"?: number | null,"top_distance_3_wins"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"best_class"?: number | null,"best_class_ae_index"?: number | null,"best_class_expected_wins"?: number | null,"best_class_runs"?: number | null,"best_class_win_percent"?: number | null,"best_class_wins"?: number | null,"best_distance"?: string | null,"best_distance_ae_index"?: number | null,"best_distance_expected_wins"?: number | null,"best_distance_runs"?: number | null,"best_distance_win_percent"?: number | null,"best_distance_wins"?: number | null,"damsire_id"?: string,"expected_wins"?: number | null,"own_places"?: number | null,"own_runs"?: number | null,"own_win_percent"?: number | null,"own_wins"?: number | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"top_class_1"?: number | null,"top_class_1_ae_index"?: number | null,"top_class_1_expected_wins"?: number | null,"top_class_1_runs"?: number | null,"top_class_1_win_percent"?: number | null,"top_class_1_wins"?: number | null,"top_class_2"?: number | null,"top_class_2_ae_index"?: number | null,"top_class_2_expected_wins"?: number | null,"top_class_2_runs"?: number | null,"top_class_2_win_percent"?: number | null,"top_class_2_wins"?: number | null,"top_class_3"?: number | null,"top_class_3_ae_index"?: number | null,"top_class_3_expected_wins"?: number | null,"top_class_3_runs"?: number | null,"top_class_3_win_percent"?: number | null,"top_class_3_wins"?: number | null,"top_distance_1"?: string | null,"top_distance_1_ae_index"?: number | null,"top_distance_1_expected_wins"?: number | null,"top_distance_1_runs"?: number | null,"top_distance_1_win_percent"?: number | null,"top_distance_1_wins"?: number | null,"top_distance_2"?: string | null,"top_distance_2_ae_index"?: number | null,"top_distance_2_expected_wins"?: number | null,"top_distance_2_runs"?: number | null,"top_distance_2_win_percent"?: number | null,"top_distance_2_wins"?: number | null,"top_distance_3"?: string | null,"top_distance_3_ae_index"?: number | null,"top_distance_3_expected_wins"?: number | null,"top_distance_3_runs"?: number | null,"top_distance_3_win_percent"?: number | null,"top_distance_3_wins"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_damsire_statistics_damsire_id_fkey"
      columns: ["damsire_id"]
isOneToOne: true
      referencedRelation: "ra_mst_damsires"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_entity_combinations": {
                  Row: {
                    "ae_index": number | null,"expected_wins": number | null,"first_run_date": string | null,"jockey_id": string,"last_run_date": string | null,"place_percent": number | null,"places": number | null,"profit_loss_1u": number | null,"roi_percent": number | null,"runs": number | null,"trainer_id": string,"win_percent": number | null,"wins": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"expected_wins"?: number | null,"first_run_date"?: string | null,"jockey_id": string,"last_run_date"?: string | null,"place_percent"?: number | null,"places"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"runs"?: number | null,"trainer_id": string,"win_percent"?: number | null,"wins"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"expected_wins"?: number | null,"first_run_date"?: string | null,"jockey_id"?: string,"last_run_date"?: string | null,"place_percent"?: number | null,"places"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"runs"?: number | null,"trainer_id"?: string,"win_percent"?: number | null,"wins"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_entity_combinations_jockey_id_fkey"
      columns: ["jockey_id"]
isOneToOne: false
      referencedRelation: "ra_mst_jockeys"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_entity_combinations_trainer_id_fkey"
      columns: ["trainer_id"]
isOneToOne: false
      referencedRelation: "ra_mst_trainers"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_jockey_statistics": {
                  Row: {
                    "ae_index": number | null,"days_since_last_run": number | null,"days_since_last_win": number | null,"expected_wins": number | null,"jockey_id": string,"last_run_date": string | null,"last_win_date": string | null,"place_percent": number | null,"profit_loss_1u": number | null,"recent_14d_ae_index": number | null,"recent_14d_expected_wins": number | null,"recent_14d_place_percent": number | null,"recent_14d_places": number | null,"recent_14d_profit_loss_1u": number | null,"recent_14d_roi_percent": number | null,"recent_14d_runs": number | null,"recent_14d_seconds": number | null,"recent_14d_thirds": number | null,"recent_14d_win_percent": number | null,"recent_14d_wins": number | null,"recent_30d_ae_index": number | null,"recent_30d_expected_wins": number | null,"recent_30d_place_percent": number | null,"recent_30d_places": number | null,"recent_30d_profit_loss_1u": number | null,"recent_30d_roi_percent": number | null,"recent_30d_runs": number | null,"recent_30d_seconds": number | null,"recent_30d_thirds": number | null,"recent_30d_win_percent": number | null,"recent_30d_wins": number | null,"roi_percent": number | null,"statistics_as_of": string,"total_places": number | null,"total_runs": number | null,"total_seconds": number | null,"total_thirds": number | null,"total_wins": number | null,"win_percent": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"days_since_last_run"?: number | null,"days_since_last_win"?: number | null,"expected_wins"?: number | null,"jockey_id": string,"last_run_date"?: string | null,"last_win_date"?: string | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"recent_14d_ae_index"?: number | null,"recent_14d_expected_wins"?: number | null,"recent_14d_place_percent"?: number | null,"recent_14d_places"?: number | null,"recent_14d_profit_loss_1u"?: number | null,"recent_14d_roi_percent"?: number | null,"recent_14d_runs"?: number | null,"recent_14d_seconds"?: number | null,"recent_14d_thirds"?: number | null,"recent_14d_win_percent"?: number | null,"recent_14d_wins"?: number | null,"recent_30d_ae_index"?: number | null,"recent_30d_expected_wins"?: number | null,"recent_30d_place_percent"?: number | null,"recent_30d_places"?: number | null,"recent_30d_profit_loss_1u"?: number | null,"recent_30d_roi_percent"?: number | null,"recent_30d_runs"?: number | null,"recent_30d_seconds"?: number | null,"recent_30d_thirds"?: number | null,"recent_30d_win_percent"?: number | null,"recent_30d_wins"?: number | null,"roi_percent"?: number | null,"statistics_as_of": string,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"days_since_last_run"?: number | null,"days_since_last_win"?: number | null,"expected_wins"?: number | null,"jockey_id"?: string,"last_run_date"?: string | null,"last_win_date"?: string | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"recent_14d_ae_index"?: number | null,"recent_14d_expected_wins"?: number | null,"recent_14d_place_percent"?: number | null,"recent_14d_places"?: number | null,"recent_14d_profit_loss_1u"?: number | null,"recent_14d_roi_percent"?: number | null,"recent_14d_runs"?: number | null,"recent_14d_seconds"?: number | null,"recent_14d_thirds"?: number | null,"recent_14d_win_percent"?: number | null,"recent_14d_wins"?: number | null,"recent_30d_ae_index"?: number | null,"recent_30d_expected_wins"?: number | null,"recent_30d_place_percent"?: number | null,"recent_30d_places"?: number | null,"recent_30d_profit_loss_1u"?: number | null,"recent_30d_roi_percent"?: number | null,"recent_30d_runs"?: number | null,"recent_30d_seconds"?: number | null,"recent_30d_thirds"?: number | null,"recent_30d_win_percent"?: number | null,"recent_30d_wins"?: number | null,"roi_percent"?: number | null,"statistics_as_of"?: string,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_jockey_statistics_jockey_id_fkey"
      columns: ["jockey_id"]
isOneToOne: true
      referencedRelation: "ra_mst_jockeys"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_mst_bookmaker_aliases": {
                  Row: {
                    "alias": string,"bookmaker_id": string,"created_at": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "alias": string,"bookmaker_id": string,"created_at"?: string,"updated_at"?: string
                  }
                  Update: {
                    "alias"?: string,"bookmaker_id"?: string,"created_at"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_mst_bookmaker_aliases_bookmaker_id_fkey"
      columns: ["bookmaker_id"]
isOneToOne: false
      referencedRelation: "ra_mst_bookmakers"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_mst_bookmakers": {
                  Row: {
                    "created_at": string,"id": string,"is_active": boolean | null,"name": string | null,"type": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"id": string,"is_active"?: boolean | null,"name"?: string | null,"type"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"id"?: string,"is_active"?: boolean | null,"name"?: string | null,"type"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_courses": {
                  Row: {
                    "created_at": string,"id": string,"latitude": number | null,"longitude": number | null,"name": string | null,"region": string | null,"region_code": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"id": string,"latitude"?: number | null,"longitude"?: number | null,"name"?: string | null,"region"?: string | null,"region_code"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"id"?: string,"latitude"?: number | null,"longitude"?: number | null,"name"?: string | null,"region"?: string | null,"region_code"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_dams": {
                  Row: {
                    "created_at": string,"horse_id": string | null,"id": string,"name": string | null,"region": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"horse_id"?: never,"id": string,"name"?: string | null,"region"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"horse_id"?: never,"id"?: string,"name"?: string | null,"region"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_damsires": {
                  Row: {
                    "created_at": string,"horse_id": string | null,"id": string,"name": string | null,"region": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"horse_id"?: never,"id": string,"name"?: string | null,"region"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"horse_id"?: never,"id"?: string,"name"?: string | null,"region"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_horses": {
                  Row: {
                    "breeder": string | null,"colour": string | null,"colour_code": string | null,"created_at": string,"dam_id": string | null,"damsire_id": string | null,"dob": string | null,"enriched_at": string | null,"enrichment_status": string | null,"first_seen_date": string | null,"id": string,"last_seen_date": string | null,"name": string | null,"profile_source": string | null,"region": string | null,"sex": string | null,"sex_code": string | null,"sire_id": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "breeder"?: string | null,"colour"?: string | null,"colour_code"?: string | null,"created_at"?: string,"dam_id"?: string | null,"damsire_id"?: string | null,"dob"?: string | null,"enriched_at"?: string | null,"enrichment_status"?: never,"first_seen_date"?: string | null,"id": string,"last_seen_date"?: string | null,"name"?: string | null,"profile_source"?: string | null,"region"?: string | null,"sex"?: string | null,"sex_code"?: string | null,"sire_id"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "breeder"?: string | null,"colour"?: string | null,"colour_code"?: string | null,"created_at"?: string,"dam_id"?: string | null,"damsire_id"?: string | null,"dob"?: string | null,"enriched_at"?: string | null,"enrichment_status"?: never,"first_seen_date"?: string | null,"id"?: string,"last_seen_date"?: string | null,"name"?: string | null,"profile_source"?: string | null,"region"?: string | null,"sex"?: string | null,"sex_code"?: string | null,"sire_id"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_mst_horses_dam_id_fkey"
      columns: ["dam_id"]
isOneToOne: false
      referencedRelation: "ra_mst_dams"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_horses_damsire_id_fkey"
      columns: ["damsire_id"]
isOneToOne: false
      referencedRelation: "ra_mst_damsires"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_horses_sire_id_fkey"
      columns: ["sire_id"]
isOneToOne: false
      referencedRelation: "ra_mst_sires"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_mst_jockeys": {
                  Row: {
                    "created_at": string,"first_seen_date": string | null,"id": string,"last_seen_date": string | null,"name": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"first_seen_date"?: string | null,"id": string,"last_seen_date"?: string | null,"name"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"first_seen_date"?: string | null,"id"?: string,"last_seen_date"?: string | null,"name"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_owners": {
                  Row: {
                    "created_at": string,"first_seen_date": string | null,"id": string,"last_seen_date": string | null,"name": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"first_seen_date"?: string | null,"id": string,"last_seen_date"?: string | null,"name"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"first_seen_date"?: string | null,"id"?: string,"last_seen_date"?: string | null,"name"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_races": {
                  Row: {
                    "age_band": string | null,"betting_forecast": string | null,"comments": string | null,"course_id": string | null,"course_name": string | null,"created_at": string,"distance": string | null,"distance_f": number | null,"distance_m": number | null,"distance_round": string | null,"distance_y": number | null,"field_size": number | null,"going": string | null,"going_detailed": string | null,"has_result": boolean | null,"id": string,"is_abandoned": boolean | null,"is_big_race": boolean | null,"jumps": string | null,"non_runners": string | null,"off_dt": string | null,"off_time": string | null,"pattern": string | null,"prize_amount": number | null,"prize_currency": string | null,"race_class": number | null,"race_date": string | null,"race_name": string | null,"race_status": string | null,"rail_movements": string | null,"rating_band": string | null,"region": string | null,"sex_restriction": string | null,"stalls": string | null,"surface": string | null,"tip": string | null,"tote_csf": number | null,"tote_currency": string | null,"tote_ex": number | null,"tote_pl": (number)[] | null,"tote_tricast": number | null,"tote_trifecta": number | null,"tote_win": number | null,"type": string | null,"updated_at": string,"verdict": string | null,"weather": string | null,"winning_time_detail": string | null,"winning_time_seconds": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "age_band"?: string | null,"betting_forecast"?: string | null,"comments"?: string | null,"course_id"?: string | null,"course_name"?: string | null,"created_at"?: string,"distance"?: string | null,"distance_f"?: number | null,"distance_m"?: number | null,"distance_round"?: string | null,"distance_y"?: number | null,"field_size"?: number | null,"going"?: string | null,"going_detailed"?: string | null,"has_result"?: boolean | null,"id": string,"is_abandoned"?: boolean | null,"is_big_race"?: boolean | null,"jumps"?: string | null,"non_runners"?: string | null,"off_dt"?: string | null,"off_time"?: never,"pattern"?: string | null,"prize_amount"?: number | null,"prize_currency"?: string | null,"race_class"?: number | null,"race_date"?: string | null,"race_name"?: string | null,"race_status"?: string | null,"rail_movements"?: string | null,"rating_band"?: string | null,"region"?: string | null,"sex_restriction"?: string | null,"stalls"?: string | null,"surface"?: string | null,"tip"?: string | null,"tote_csf"?: number | null,"tote_currency"?: string | null,"tote_ex"?: number | null,"tote_pl"?: (number)[] | null,"tote_tricast"?: number | null,"tote_trifecta"?: number | null,"tote_win"?: number | null,"type"?: string | null,"updated_at"?: string,"verdict"?: string | null,"weather"?: string | null,"winning_time_detail"?: string | null,"winning_time_seconds"?: number | null
                  }
                  Update: {
                    "age_band"?: string | null,"betting_forecast"?: string | null,"comments"?: string | null,"course_id"?: string | null,"course_name"?: string | null,"created_at"?: string,"distance"?: string | null,"distance_f"?: number | null,"distance_m"?: number | null,"distance_round"?: string | null,"distance_y"?: number | null,"field_size"?: number | null,"going"?: string | null,"going_detailed"?: string | null,"has_result"?: boolean | null,"id"?: string,"is_abandoned"?: boolean | null,"is_big_race"?: boolean | null,"jumps"?: string | null,"non_runners"?: string | null,"off_dt"?: string | null,"off_time"?: never,"pattern"?: string | null,"prize_amount"?: number | null,"prize_currency"?: string | null,"race_class"?: number | null,"race_date"?: string | null,"race_name"?: string | null,"race_status"?: string | null,"rail_movements"?: string | null,"rating_band"?: string | null,"region"?: string | null,"sex_restriction"?: string | null,"stalls"?: string | null,"surface"?: string | null,"tip"?: string | null,"tote_csf"?: number | null,"tote_currency"?: string | null,"tote_ex"?: number | null,"tote_pl"?: (number)[] | null,"tote_tricast"?: number | null,"tote_trifecta"?: number | null,"tote_win"?: number | null,"type"?: string | null,"updated_at"?: string,"verdict"?: string | null,"weather"?: string | null,"winning_time_detail"?: string | null,"winning_time_seconds"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_mst_races_course_id_fkey"
      columns: ["course_id"]
isOneToOne: false
      referencedRelation: "ra_mst_courses"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_mst_regions": {
                  Row: {
                    "code": string,"created_at": string,"name": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "code": string,"created_at"?: string,"name"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "code"?: string,"created_at"?: string,"name"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_runners": {
                  Row: {
                    "age": number | null,"beaten_lengths": number | null,"bsp": number | null,"comment": string | null,"created_at": string,"days_since_last_run": number | null,"draw": number | null,"finish_status": string | null,"finishing_time_seconds": number | null,"form": string | null,"headgear": string | null,"headgear_run": number | null,"horse_id": string,"is_non_runner": boolean | null,"jockey_claim_lbs": number | null,"jockey_id": string | null,"number": number | null,"official_rating": number | null,"overall_beaten_lengths": number | null,"owner_id": string | null,"past_results_flags": (string)[] | null,"position": number | null,"prize_won_amount": number | null,"prize_won_currency": string | null,"race_id": string,"result_comment": string | null,"result_official_rating": number | null,"result_rpr": number | null,"result_topspeed": number | null,"rpr": number | null,"silk_url": string | null,"sp_favourite": string | null,"spotlight": string | null,"starting_price": string | null,"starting_price_decimal": number | null,"topspeed": number | null,"trainer_id": string | null,"trainer_rtf": number | null,"updated_at": string,"weight_lbs": number | null,"wind_surgery": boolean | null,"wind_surgery_run": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "age"?: number | null,"beaten_lengths"?: number | null,"bsp"?: number | null,"comment"?: string | null,"created_at"?: string,"days_since_last_run"?: number | null,"draw"?: number | null,"finish_status"?: string | null,"finishing_time_seconds"?: number | null,"form"?: string | null,"headgear"?: string | null,"headgear_run"?: number | null,"horse_id": string,"is_non_runner"?: boolean | null,"jockey_claim_lbs"?: number | null,"jockey_id"?: string | null,"number"?: number | null,"official_rating"?: number | null,"overall_beaten_lengths"?: number | null,"owner_id"?: string | null,"past_results_flags"?: (string)[] | null,"position"?: number | null,"prize_won_amount"?: number | null,"prize_won_currency"?: string | null,"race_id": string,"result_comment"?: string | null,"result_official_rating"?: number | null,"result_rpr"?: number | null,"result_topspeed"?: number | null,"rpr"?: number | null,"silk_url"?: string | null,"sp_favourite"?: string | null,"spotlight"?: string | null,"starting_price"?: string | null,"starting_price_decimal"?: number | null,"topspeed"?: number | null,"trainer_id"?: string | null,"trainer_rtf"?: number | null,"updated_at"?: string,"weight_lbs"?: number | null,"wind_surgery"?: boolean | null,"wind_surgery_run"?: number | null
                  }
                  Update: {
                    "age"?: number | null,"beaten_lengths"?: number | null,"bsp"?: number | null,"comment"?: string | null,"created_at"?: string,"days_since_last_run"?: number | null,"draw"?: number | null,"finish_status"?: string | null,"finishing_time_seconds"?: number | null,"form"?: string | null,"headgear"?: string | null,"headgear_run"?: number | null,"horse_id"?: string,"is_non_runner"?: boolean | null,"jockey_claim_lbs"?: number | null,"jockey_id"?: string | null,"number"?: number | null,"official_rating"?: number | null,"overall_beaten_lengths"?: number | null,"owner_id"?: string | null,"past_results_flags"?: (string)[] | null,"position"?: number | null,"prize_won_amount"?: number | null,"prize_won_currency"?: string | null,"race_id"?: string,"result_comment"?: string | null,"result_official_rating"?: number | null,"result_rpr"?: number | null,"result_topspeed"?: number | null,"rpr"?: number | null,"silk_url"?: string | null,"sp_favourite"?: string | null,"spotlight"?: string | null,"starting_price"?: string | null,"starting_price_decimal"?: number | null,"topspeed"?: number | null,"trainer_id"?: string | null,"trainer_rtf"?: number | null,"updated_at"?: string,"weight_lbs"?: number | null,"wind_surgery"?: boolean | null,"wind_surgery_run"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_mst_runners_horse_id_fkey"
      columns: ["horse_id"]
isOneToOne: false
      referencedRelation: "ra_horse_pedigree"
      referencedColumns: ["horse_id"]
    },{
      foreignKeyName: "ra_mst_runners_horse_id_fkey"
      columns: ["horse_id"]
isOneToOne: false
      referencedRelation: "ra_mst_horses"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_jockey_id_fkey"
      columns: ["jockey_id"]
isOneToOne: false
      referencedRelation: "ra_mst_jockeys"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_owner_id_fkey"
      columns: ["owner_id"]
isOneToOne: false
      referencedRelation: "ra_mst_owners"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_race_id_fkey"
      columns: ["race_id"]
isOneToOne: false
      referencedRelation: "ra_mst_races"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_trainer_id_fkey"
      columns: ["trainer_id"]
isOneToOne: false
      referencedRelation: "ra_mst_trainers"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_mst_sires": {
                  Row: {
                    "created_at": string,"horse_id": string | null,"id": string,"name": string | null,"region": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"horse_id"?: never,"id": string,"name"?: string | null,"region"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"horse_id"?: never,"id"?: string,"name"?: string | null,"region"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_mst_trainers": {
                  Row: {
                    "created_at": string,"first_seen_date": string | null,"id": string,"last_seen_date": string | null,"location": string | null,"name": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"first_seen_date"?: string | null,"id": string,"last_seen_date"?: string | null,"location"?: string | null,"name"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"first_seen_date"?: string | null,"id"?: string,"last_seen_date"?: string | null,"location"?: string | null,"name"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_odds_fetches": {
                  Row: {
                    "changes": number,"fetched_at": string,"fetches": number,"movements_fetched_at": string | null,"prices": number,"race_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "changes"?: number,"fetched_at": string,"fetches"?: number,"movements_fetched_at"?: string | null,"prices"?: number,"race_id": string
                  }
                  Update: {
                    "changes"?: number,"fetched_at"?: string,"fetches"?: number,"movements_fetched_at"?: string | null,"prices"?: number,"race_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_odds_fetches_race_id_fkey"
      columns: ["race_id"]
isOneToOne: true
      referencedRelation: "ra_mst_races"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_odds_history": {
                  Row: {
                    "bookmaker_id": string,"changed_at": string,"fetched_at": string,"horse_id": string,"odds_decimal": number | null,"odds_fractional": string | null,"race_id": string,"source": string
                  }
                  ComputedFields: never
                  Insert: {
                    "bookmaker_id": string,"changed_at": string,"fetched_at": string,"horse_id": string,"odds_decimal"?: number | null,"odds_fractional"?: string | null,"race_id": string,"source": string
                  }
                  Update: {
                    "bookmaker_id"?: string,"changed_at"?: string,"fetched_at"?: string,"horse_id"?: string,"odds_decimal"?: number | null,"odds_fractional"?: string | null,"race_id"?: string,"source"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_odds_history_bookmaker_id_fkey"
      columns: ["bookmaker_id"]
isOneToOne: false
      referencedRelation: "ra_mst_bookmakers"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_odds_history_race_id_horse_id_fkey"
      columns: ["race_id","horse_id"]
isOneToOne: false
      referencedRelation: "ra_mst_race_results"
      referencedColumns: ["race_id","horse_id"]
    },{
      foreignKeyName: "ra_odds_history_race_id_horse_id_fkey"
      columns: ["race_id","horse_id"]
isOneToOne: false
      referencedRelation: "ra_mst_runners"
      referencedColumns: ["race_id","horse_id"]
    }
                  ]
                },"ra_odds_live": {
                  Row: {
                    "bookmaker": string,"bookmaker_id": string,"changed_at": string,"ew_denom": number | null,"ew_places": number | null,"fetched_at": string,"horse_id": string,"is_sp": boolean,"odds_decimal": number | null,"odds_fractional": string | null,"race_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "bookmaker": string,"bookmaker_id": string,"changed_at": string,"ew_denom"?: number | null,"ew_places"?: number | null,"fetched_at": string,"horse_id": string,"is_sp"?: boolean,"odds_decimal"?: number | null,"odds_fractional"?: string | null,"race_id": string
                  }
                  Update: {
                    "bookmaker"?: string,"bookmaker_id"?: string,"changed_at"?: string,"ew_denom"?: number | null,"ew_places"?: number | null,"fetched_at"?: string,"horse_id"?: string,"is_sp"?: boolean,"odds_decimal"?: number | null,"odds_fractional"?: string | null,"race_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_odds_live_bookmaker_id_fkey"
      columns: ["bookmaker_id"]
isOneToOne: false
      referencedRelation: "ra_mst_bookmakers"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_odds_live_race_id_horse_id_fkey"
      columns: ["race_id","horse_id"]
isOneToOne: false
      referencedRelation: "ra_mst_race_results"
      referencedColumns: ["race_id","horse_id"]
    },{
      foreignKeyName: "ra_odds_live_race_id_horse_id_fkey"
      columns: ["race_id","horse_id"]
isOneToOne: false
      referencedRelation: "ra_mst_runners"
      referencedColumns: ["race_id","horse_id"]
    }
                  ]
                },"ra_owner_statistics": {
                  Row: {
                    "ae_index": number | null,"days_since_last_run": number | null,"days_since_last_win": number | null,"expected_wins": number | null,"last_run_date": string | null,"last_win_date": string | null,"owner_id": string,"place_percent": number | null,"profit_loss_1u": number | null,"recent_14d_ae_index": number | null,"recent_14d_expected_wins": number | null,"recent_14d_place_percent": number | null,"recent_14d_places": number | null,"recent_14d_profit_loss_1u": number | null,"recent_14d_roi_percent": number | null,"recent_14d_runs": number | null,"recent_14d_seconds": number | null,"recent_14d_thirds": number | null,"recent_14d_win_percent": number | null,"recent_14d_wins": number | null,"recent_30d_ae_index": number | null,"recent_30d_expected_wins": number | null,"recent_30d_place_percent": number | null,"recent_30d_places": number | null,"recent_30d_profit_loss_1u": number | null,"recent_30d_roi_percent": number | null,"recent_30d_runs": number | null,"recent_30d_seconds": number | null,"recent_30d_thirds": number | null,"recent_30d_win_percent": number | null,"recent_30d_wins": number | null,"roi_percent": number | null,"statistics_as_of": string,"total_horses": number | null,"total_places": number | null,"total_runs": number | null,"total_seconds": number | null,"total_thirds": number | null,"total_wins": number | null,"win_percent": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"days_since_last_run"?: number | null,"days_since_last_win"?: number | null,"expected_wins"?: number | null,"last_run_date"?: string | null,"last_win_date"?: string | null,"owner_id": string,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"recent_14d_ae_index"?: number | null,"recent_14d_expected_wins"?: number | null,"recent_14d_place_percent"?: number | null,"recent_14d_places"?: number | null,"recent_14d_profit_loss_1u"?: number | null,"recent_14d_roi_percent"?: number | null,"recent_14d_runs"?: number | null,"recent_14d_seconds"?: number | null,"recent_14d_thirds"?: number | null,"recent_14d_win_percent"?: number | null,"recent_14d_wins"?: number | null,"recent_30d_ae_index"?: number | null,"recent_30d_expected_wins"?: number | null,"recent_30d_place_percent"?: number | null,"recent_30d_places"?: number | null,"recent_30d_profit_loss_1u"?: number | null,"recent_30d_roi_percent"?: number | null,"recent_30d_runs"?: number | null,"recent_30d_seconds"?: number | null,"recent_30d_thirds"?: number | null,"recent_30d_win_percent"?: number | null,"recent_30d_wins"?: number | null,"roi_percent"?: number | null,"statistics_as_of": string,"total_horses"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"days_since_last_run"?: number | null,"days_since_last_win"?: number | null,"expected_wins"?: number | null,"last_run_date"?: string | null,"last_win_date"?: string | null,"owner_id"?: string,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"recent_14d_ae_index"?: number | null,"recent_14d_expected_wins"?: number | null,"recent_14d_place_percent"?: number | null,"recent_14d_places"?: number | null,"recent_14d_profit_loss_1u"?: number | null,"recent_14d_roi_percent"?: number | null,"recent_14d_runs"?: number | null,"recent_14d_seconds"?: number | null,"recent_14d_thirds"?: number | null,"recent_14d_win_percent"?: number | null,"recent_14d_wins"?: number | null,"recent_30d_ae_index"?: number | null,"recent_30d_expected_wins"?: number | null,"recent_30d_place_percent"?: number | null,"recent_30d_places"?: number | null,"recent_30d_profit_loss_1u"?: number | null,"recent_30d_roi_percent"?: number | null,"recent_30d_runs"?: number | null,"recent_30d_seconds"?: number | null,"recent_30d_thirds"?: number | null,"recent_30d_win_percent"?: number | null,"recent_30d_wins"?: number | null,"roi_percent"?: number | null,"statistics_as_of"?: string,"total_horses"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_owner_statistics_owner_id_fkey"
      columns: ["owner_id"]
isOneToOne: true
      referencedRelation: "ra_mst_owners"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_performance_by_distance": {
                  Row: {
                    "ae_index": number | null,"distance_band": string,"entity_id": string,"entity_type": string,"expected_wins": number | null,"going_group": string,"place_percent": number | null,"places": number | null,"profit_loss_1u": number | null,"roi_percent": number | null,"runs": number | null,"win_percent": number | null,"wins": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"distance_band": string,"entity_id": string,"entity_type": string,"expected_wins"?: number | null,"going_group": string,"place_percent"?: number | null,"places"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"runs"?: number | null,"win_percent"?: number | null,"wins"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"distance_band"?: string,"entity_id"?: string,"entity_type"?: string,"expected_wins"?: number | null,"going_group"?: string,"place_percent"?: number | null,"places"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"runs"?: number | null,"win_percent"?: number | null,"wins"?: number | null
                  }
                  Relationships: [
                    
                  ]
                },"ra_performance_by_venue": {
                  Row: {
                    "ae_index": number | null,"course_id": string,"entity_id": string,"entity_type": string,"expected_wins": number | null,"going_group": string,"place_percent": number | null,"places": number | null,"profit_loss_1u": number | null,"roi_percent": number | null,"runs": number | null,"win_percent": number | null,"wins": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"course_id": string,"entity_id": string,"entity_type": string,"expected_wins"?: number | null,"going_group": string,"place_percent"?: number | null,"places"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"runs"?: number | null,"win_percent"?: number | null,"wins"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"course_id"?: string,"entity_id"?: string,"entity_type"?: string,"expected_wins"?: number | null,"going_group"?: string,"place_percent"?: number | null,"places"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"runs"?: number | null,"win_percent"?: number | null,"wins"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_performance_by_venue_course_id_fkey"
      columns: ["course_id"]
isOneToOne: false
      referencedRelation: "ra_mst_courses"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_runner_statistics": {
                  Row: {
                    "course_id": string | null,"distance_band": string | null,"going_group": string | null,"horse_12m_place_percent": number | null,"horse_12m_places": number | null,"horse_12m_runs": number | null,"horse_12m_win_percent": number | null,"horse_12m_wins": number | null,"horse_ae_index": number | null,"horse_course_distance_place_percent": number | null,"horse_course_distance_places": number | null,"horse_course_distance_runs": number | null,"horse_course_distance_win_percent": number | null,"horse_course_distance_wins": number | null,"horse_course_place_percent": number | null,"horse_course_places": number | null,"horse_course_runs": number | null,"horse_course_win_percent": number | null,"horse_course_wins": number | null,"horse_days_since_last_run": number | null,"horse_distance_place_percent": number | null,"horse_distance_places": number | null,"horse_distance_runs": number | null,"horse_distance_win_percent": number | null,"horse_distance_wins": number | null,"horse_expected_wins": number | null,"horse_going_place_percent": number | null,"horse_going_places": number | null,"horse_going_runs": number | null,"horse_going_win_percent": number | null,"horse_going_wins": number | null,"horse_id": string,"horse_jockey_place_percent": number | null,"horse_jockey_places": number | null,"horse_jockey_runs": number | null,"horse_jockey_win_percent": number | null,"horse_jockey_wins": number | null,"horse_last10_place_percent": number | null,"horse_last10_places": number | null,"horse_last10_runs": number | null,"horse_last10_win_percent": number | null,"horse_last10_wins": number | null,"horse_place_percent": number | null,"horse_places": number | null,"horse_profit_loss_1u": number | null,"horse_roi_percent": number | null,"horse_runs": number | null,"horse_win_percent": number | null,"horse_wins": number | null,"jockey_12m_place_percent": number | null,"jockey_12m_places": number | null,"jockey_12m_runs": number | null,"jockey_12m_win_percent": number | null,"jockey_12m_wins": number | null,"jockey_ae_index": number | null,"jockey_course_place_percent": number | null,"jockey_course_places": number | null,"jockey_course_runs": number | null,"jockey_course_win_percent": number | null,"jockey_course_wins": number | null,"jockey_days_since_last_run": number | null,"jockey_expected_wins": number | null,"jockey_id": string | null,"jockey_place_percent": number | null,"jockey_places": number | null,"jockey_profit_loss_1u": number | null,"jockey_roi_percent": number | null,"jockey_runs": number | null,"jockey_win_percent": number | null,"jockey_wins": number | null,"off_dt": string,"race_id": string,"trainer_12m_place_percent": number | null,"trainer_12m_places": number | null,"trainer_12m_runs": number | null,"trainer_12m_win_percent": number | null,"trainer_12m_wins": number | null,"trainer_ae_index": number | null,"trainer_course_place_percent": number | null,"trainer_course_places": number | null,"trainer_course_runs": number | null,"trainer_course_win_percent": number | null,"trainer_course_wins": number | null,"trainer_days_since_last_run": number | null,"trainer_expected_wins": number | null,"trainer_id": string | null,"trainer_place_percent": number | null,"trainer_places": number | null,"trainer_profit_loss_1u": number | null,"trainer_roi_percent": number | null,"trainer_runs": number | null,"trainer_win_percent": number | null,"trainer_wins": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "course_id"?: string | null,"distance_band"?: string | null,"going_group"?: string | null,"horse_12m_place_percent"?: number | null,"horse_12m_places"?: number | null,"horse_12m_runs"?: number | null,"horse_12m_win_percent"?: number | null,"horse_12m_wins"?: number | null,"horse_ae_index"?: number | null,"horse_course_distance_place_percent"?: number | null,"horse_course_distance_places"?: number | null,"horse_course_distance_runs"?: number | null,"horse_course_distance_win_percent"?: number | null,"horse_course_distance_wins"?: number | null,"horse_course_place_percent"?: number | null,"horse_course_places"?: number | null,"horse_course_runs"?: number | null,"horse_course_win_percent"?: number | null,"horse_course_wins"?: number | null,"horse_days_since_last_run"?: number | null,"horse_distance_place_percent"?: number | null,"horse_distance_places"?: number | null,"horse_distance_runs"?: number | null,"horse_distance_win_percent"?: number | null,"horse_distance_wins"?: number | null,"horse_expected_wins"?: number | null,"horse_going_place_percent"?: number | null,"horse_going_places"?: number | null,"horse_going_runs"?: number | null,"horse_going_win_percent"?: number | null,"horse_going_wins"?: number | null,"horse_id": string,"horse_jockey_place_percent"?: number | null,"horse_jockey_places"?: number | null,"horse_jockey_runs"?: number | null,"horse_jockey_win_percent"?: number | null,"horse_jockey_wins"?: number | null,"horse_last10_place_percent"?: number | null,"horse_last10_places"?: number | null,"horse_last10_runs"?: number | null,"horse_last10_win_percent"?: number | null,"horse_last10_wins"?: number | null,"horse_place_percent"?: number | null,"horse_places"?: number | null,"horse_profit_loss_1u"?: number | null,"horse_roi_percent"?: number | null,"horse_runs"?: number | null,"horse_win_percent"?: number | null,"horse_wins"?: number | null,"jockey_12m_place_percent"?: number | null,"jockey_12m_places"?: number | null,"jockey_12m_runs"?: number | null,"jockey_12m_win_percent"?: number | null,"jockey_12m_wins"?: number | null,"jockey_ae_index"?: number | null,"jockey_course_place_percent"?: number | null,"jockey_course_places"?: number | null,"jockey_course_runs"?: number | null,"jockey_course_win_percent"?: number | null,"jockey_course_wins"?: number | null,"jockey_days_since_last_run"?: number | null,"jockey_expected_wins"?: number | null,"jockey_id"?: string | null,"jockey_place_percent"?: number | null,"jockey_places"?: number | null,"jockey_profit_loss_1u"?: number | null,"jockey_roi_percent"?: number | null,"jockey_runs"?: number | null,"jockey_win_percent"?: number | null,"jockey_wins"?: number | null,"off_dt": string,"race_id": string,"trainer_12m_place_percent"?: number | null,"trainer_12m_places"?: number | null,"trainer_12m_runs"?: number | null,"trainer_12m_win_percent"?: number | null,"trainer_12m_wins"?: number | null,"trainer_ae_index"?: number | null,"trainer_course_place_percent"?: number | null,"trainer_course_places"?: number | null,"trainer_course_runs"?: number | null,"trainer_course_win_percent"?: number | null,"trainer_course_wins"?: number | null,"trainer_days_since_last_run"?: number | null,"trainer_expected_wins"?: number | null,"trainer_id"?: string | null,"trainer_place_percent"?: number | null,"trainer_places"?: number | null,"trainer_profit_loss_1u"?: number | null,"trainer_roi_percent"?: number | null,"trainer_runs"?: number | null,"trainer_win_percent"?: number | null,"trainer_wins"?: number | null
                  }
                  Update: {
                    "course_id"?: string | null,"distance_band"?: string | null,"going_group"?: string | null,"horse_12m_place_percent"?: number | null,"horse_12m_places"?: number | null,"horse_12m_runs"?: number | null,"horse_12m_win_percent"?: number | null,"horse_12m_wins"?: number | null,"horse_ae_index"?: number | null,"horse_course_distance_place_percent"?: number | null,"horse_course_distance_places"?: number | null,"horse_course_distance_runs"?: number | null,"horse_course_distance_win_percent"?: number | null,"horse_course_distance_wins"?: number | null,"horse_course_place_percent"?: number | null,"horse_course_places"?: number | null,"horse_course_runs"?: number | null,"horse_course_win_percent"?: number | null,"horse_course_wins"?: number | null,"horse_days_since_last_run"?: number | null,"horse_distance_place_percent"?: number | null,"horse_distance_places"?: number | null,"horse_distance_runs"?: number | null,"horse_distance_win_percent"?: number | null,"horse_distance_wins"?: number | null,"horse_expected_wins"?: number | null,"horse_going_place_percent"?: number | null,"horse_going_places"?: number | null,"horse_going_runs"?: number | null,"horse_going_win_percent"?: number | null,"horse_going_wins"?: number | null,"horse_id"?: string,"horse_jockey_place_percent"?: number | null,"horse_jockey_places"?: number | null,"horse_jockey_runs"?: number | null,"horse_jockey_win_percent"?: number | null,"horse_jockey_wins"?: number | null,"horse_last10_place_percent"?: number | null,"horse_last10_places"?: number | null,"horse_last10_runs"?: number | null,"horse_last10_win_percent"?: number | null,"horse_last10_wins"?: number | null,"horse_place_percent"?: number | null,"horse_places"?: number | null,"horse_profit_loss_1u"?: number | null,"horse_roi_percent"?: number | null,"horse_runs"?: number | null,"horse_win_percent"?: number | null,"horse_wins"?: number | null,"jockey_12m_place_percent"?: number | null,"jockey_12m_places"?: number | null,"jockey_12m_runs"?: number | null,"jockey_12m_win_percent"?: number | null,"jockey_12m_wins"?: number | null,"jockey_ae_index"?: number | null,"jockey_course_place_percent"?: number | null,"jockey_course_places"?: number | null,"jockey_course_runs"?: number | null,"jockey_course_win_percent"?: number | null,"jockey_course_wins"?: number | null,"jockey_days_since_last_run"?: number | null,"jockey_expected_wins"?: number | null,"jockey_id"?: string | null,"jockey_place_percent"?: number | null,"jockey_places"?: number | null,"jockey_profit_loss_1u"?: number | null,"jockey_roi_percent"?: number | null,"jockey_runs"?: number | null,"jockey_win_percent"?: number | null,"jockey_wins"?: number | null,"off_dt"?: string,"race_id"?: string,"trainer_12m_place_percent"?: number | null,"trainer_12m_places"?: number | null,"trainer_12m_runs"?: number | null,"trainer_12m_win_percent"?: number | null,"trainer_12m_wins"?: number | null,"trainer_ae_index"?: number | null,"trainer_course_place_percent"?: number | null,"trainer_course_places"?: number | null,"trainer_course_runs"?: number | null,"trainer_course_win_percent"?: number | null,"trainer_course_wins"?: number | null,"trainer_days_since_last_run"?: number | null,"trainer_expected_wins"?: number | null,"trainer_id"?: string | null,"trainer_place_percent"?: number | null,"trainer_places"?: number | null,"trainer_profit_loss_1u"?: number | null,"trainer_roi_percent"?: number | null,"trainer_runs"?: number | null,"trainer_win_percent"?: number | null,"trainer_wins"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_runner_statistics_race_id_horse_id_fkey"
      columns: ["race_id","horse_id"]
isOneToOne: true
      referencedRelation: "ra_mst_race_results"
      referencedColumns: ["race_id","horse_id"]
    },{
      foreignKeyName: "ra_runner_statistics_race_id_horse_id_fkey"
      columns: ["race_id","horse_id"]
isOneToOne: true
      referencedRelation: "ra_mst_runners"
      referencedColumns: ["race_id","horse_id"]
    }
                  ]
                },"ra_sire_statistics": {
                  Row: {
                    "ae_index": number | null,"best_class": number | null,"best_class_ae_index": number | null,"best_class_expected_wins": number | null,"best_class_runs": number | null,"best_class_win_percent": number | null,"best_class_wins": number | null,"best_distance": string | null,"best_distance_ae_index": number | null,"best_distance_expected_wins": number | null,"best_distance_runs": number | null,"best_distance_win_percent": number | null,"best_distance_wins": number | null,"expected_wins": number | null,"own_places": number | null,"own_runs": number | null,"own_win_percent": number | null,"own_wins": number | null,"place_percent": number | null,"profit_loss_1u": number | null,"roi_percent": number | null,"sire_id": string,"top_class_1": number | null,"top_class_1_ae_index": number | null,"top_class_1_expected_wins": number | null,"top_class_1_runs": number | null,"top_class_1_win_percent": number | null,"top_class_1_wins": number | null,"top_class_2": number | null,"top_class_2_ae_index": number | null,"top_class_2_expected_wins": number | null,"top_class_2_runs": number | null,"top_class_2_win_percent": number | null,"top_class_2_wins": number | null,"top_class_3": number | null,"top_class_3_ae_index": number | null,"top_class_3_expected_wins": number | null,"top_class_3_runs": number | null,"top_class_3_win_percent": number | null,"top_class_3_wins": number | null,"top_distance_1": string | null,"top_distance_1_ae_index": number | null,"top_distance_1_expected_wins": number | null,"top_distance_1_runs": number | null,"top_distance_1_win_percent": number | null,"top_distance_1_wins": number | null,"top_distance_2": string | null,"top_distance_2_ae_index": number | null,"top_distance_2_expected_wins": number | null,"top_distance_2_runs": number | null,"top_distance_2_win_percent": number | null,"top_distance_2_wins": number | null,"top_distance_3": string | null,"top_distance_3_ae_index": number | null,"top_distance_3_expected_wins": number | null,"top_distance_3_runs": number | null,"top_distance_3_win_percent": number | null,"top_distance_3_wins": number | null,"total_places": number | null,"total_runs": number | null,"total_seconds": number | null,"total_thirds": number | null,"total_wins": number | null,"win_percent": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"best_class"?: number | null,"best_class_ae_index"?: number | null,"best_class_expected_wins"?: number | null,"best_class_runs"?: number | null,"best_class_win_percent"?: number | null,"best_class_wins"?: number | null,"best_distance"?: string | null,"best_distance_ae_index"?: number | null,"best_distance_expected_wins"?: number | null,"best_distance_runs"?: number | null,"best_distance_win_percent"?: number | null,"best_distance_wins"?: number | null,"expected_wins"?: number | null,"own_places"?: number | null,"own_runs"?: number | null,"own_win_percent"?: number | null,"own_wins"?: number | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"sire_id": string,"top_class_1"?: number | null,"top_class_1_ae_index"?: number | null,"top_class_1_expected_wins"?: number | null,"top_class_1_runs"?: number | null,"top_class_1_win_percent"?: number | null,"top_class_1_wins"?: number | null,"top_class_2"?: number | null,"top_class_2_ae_index"?: number | null,"top_class_2_expected_wins"?: number | null,"top_class_2_runs"?: number | null,"top_class_2_win_percent"?: number | null,"top_class_2_wins"?: number | null,"top_class_3"?: number | null,"top_class_3_ae_index"?: number | null,"top_class_3_expected_wins"?: number | null,"top_class_3_runs"?: number | null,"top_class_3_win_percent"?: number | null,"top_class_3_wins"?: number | null,"top_distance_1"?: string | null,"top_distance_1_ae_index"?: number | null,"top_distance_1_expected_wins"?: number | null,"top_distance_1_runs"?: number | null,"top_distance_1_win_percent"?: number | null,"top_distance_1_wins"?: number | null,"top_distance_2"?: string | null,"top_distance_2_ae_index"?: number | null,"top_distance_2_expected_wins"?: number | null,"top_distance_2_runs"?: number | null,"top_distance_2_win_percent"?: number | null,"top_distance_2_wins"?: number | null,"top_distance_3"?: string | null,"top_distance_3_ae_index"?: number | null,"top_distance_3_expected_wins"?: number | null,"top_distance_3_runs"?: number | null,"top_distance_3_win_percent"?: number | null,"top_distance_3_wins"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"best_class"?: number | null,"best_class_ae_index"?: number | null,"best_class_expected_wins"?: number | null,"best_class_runs"?: number | null,"best_class_win_percent"?: number | null,"best_class_wins"?: number | null,"best_distance"?: string | null,"best_distance_ae_index"?: number | null,"best_distance_expected_wins"?: number | null,"best_distance_runs"?: number | null,"best_distance_win_percent"?: number | null,"best_distance_wins"?: number | null,"expected_wins"?: number | null,"own_places"?: number | null,"own_runs"?: number | null,"own_win_percent"?: number | null,"own_wins"?: number | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"roi_percent"?: number | null,"sire_id"?: string,"top_class_1"?: number | null,"top_class_1_ae_index"?: number | null,"top_class_1_expected_wins"?: number | null,"top_class_1_runs"?: number | null,"top_class_1_win_percent"?: number | null,"top_class_1_wins"?: number | null,"top_class_2"?: number | null,"top_class_2_ae_index"?: number | null,"top_class_2_expected_wins"?: number | null,"top_class_2_runs"?: number | null,"top_class_2_win_percent"?: number | null,"top_class_2_wins"?: number | null,"top_class_3"?: number | null,"top_class_3_ae_index"?: number | null,"top_class_3_expected_wins"?: number | null,"top_class_3_runs"?: number | null,"top_class_3_win_percent"?: number | null,"top_class_3_wins"?: number | null,"top_distance_1"?: string | null,"top_distance_1_ae_index"?: number | null,"top_distance_1_expected_wins"?: number | null,"top_distance_1_runs"?: number | null,"top_distance_1_win_percent"?: number | null,"top_distance_1_wins"?: number | null,"top_distance_2"?: string | null,"top_distance_2_ae_index"?: number | null,"top_distance_2_expected_wins"?: number | null,"top_distance_2_runs"?: number | null,"top_distance_2_win_percent"?: number | null,"top_distance_2_wins"?: number | null,"top_distance_3"?: string | null,"top_distance_3_ae_index"?: number | null,"top_distance_3_expected_wins"?: number | null,"top_distance_3_runs"?: number | null,"top_distance_3_win_percent"?: number | null,"top_distance_3_wins"?: number | null,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"win_percent"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_sire_statistics_sire_id_fkey"
      columns: ["sire_id"]
isOneToOne: true
      referencedRelation: "ra_mst_sires"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_sync_checkpoints": {
                  Row: {
                    "api_calls": number,"api_filtered_out": number | null,"api_total": number | null,"attempts": number,"created_at": string,"cursor": Json | null,"finished_at": string | null,"id": number,"job": string,"last_error": string | null,"lease_expires_at": string | null,"lease_owner": string | null,"max_attempts": number | null,"rows_written": number,"started_at": string | null,"status": string,"updated_at": string,"window_end": string,"window_start": string
                  }
                  ComputedFields: never
                  Insert: {
                    "api_calls"?: number,"api_filtered_out"?: number | null,"api_total"?: number | null,"attempts"?: number,"created_at"?: string,"cursor"?: Json | null,"finished_at"?: string | null,"id"?: never,"job": string,"last_error"?: string | null,"lease_expires_at"?: string | null,"lease_owner"?: string | null,"max_attempts"?: number | null,"rows_written"?: number,"started_at"?: string | null,"status"?: string,"updated_at"?: string,"window_end": string,"window_start": string
                  }
                  Update: {
                    "api_calls"?: number,"api_filtered_out"?: number | null,"api_total"?: number | null,"attempts"?: number,"created_at"?: string,"cursor"?: Json | null,"finished_at"?: string | null,"id"?: never,"job"?: string,"last_error"?: string | null,"lease_expires_at"?: string | null,"lease_owner"?: string | null,"max_attempts"?: number | null,"rows_written"?: number,"started_at"?: string | null,"status"?: string,"updated_at"?: string,"window_end"?: string,"window_start"?: string
                  }
                  Relationships: [
                    
                  ]
                },"ra_sync_errors": {
                  Row: {
                    "checkpoint_id": number | null,"created_at": string,"endpoint": string | null,"error": string | null,"id": number,"job": string | null,"params": Json | null,"payload": Json | null,"run_id": string | null,"window_end": string | null,"window_start": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "checkpoint_id"?: number | null,"created_at"?: string,"endpoint"?: string | null,"error"?: string | null,"id"?: never,"job"?: string | null,"params"?: Json | null,"payload"?: Json | null,"run_id"?: string | null,"window_end"?: string | null,"window_start"?: string | null
                  }
                  Update: {
                    "checkpoint_id"?: number | null,"created_at"?: string,"endpoint"?: string | null,"error"?: string | null,"id"?: never,"job"?: string | null,"params"?: Json | null,"payload"?: Json | null,"run_id"?: string | null,"window_end"?: string | null,"window_start"?: string | null
                  }
                  Relationships: [
                    
                  ]
                },"ra_sync_horse_leases": {
                  Row: {
                    "attempts": number,"created_at": string,"horse_id": string,"last_error": string | null,"lease_expires_at": string | null,"lease_owner": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "attempts"?: number,"created_at"?: string,"horse_id": string,"last_error"?: string | null,"lease_expires_at"?: string | null,"lease_owner"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "attempts"?: number,"created_at"?: string,"horse_id"?: string,"last_error"?: string | null,"lease_expires_at"?: string | null,"lease_owner"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_sync_horse_leases_horse_id_fkey"
      columns: ["horse_id"]
isOneToOne: true
      referencedRelation: "ra_horse_pedigree"
      referencedColumns: ["horse_id"]
    },{
      foreignKeyName: "ra_sync_horse_leases_horse_id_fkey"
      columns: ["horse_id"]
isOneToOne: true
      referencedRelation: "ra_mst_horses"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_sync_runs": {
                  Row: {
                    "api_calls": number,"duration_ms": number | null,"error": string | null,"finished_at": string | null,"function_name": string | null,"mode": string | null,"request_body": Json | null,"rows_written": number,"run_id": string,"started_at": string,"status": string,"summary": Json | null,"windows_claimed": number,"windows_done": number,"windows_failed": number
                  }
                  ComputedFields: never
                  Insert: {
                    "api_calls"?: number,"duration_ms"?: number | null,"error"?: string | null,"finished_at"?: string | null,"function_name"?: string | null,"mode"?: string | null,"request_body"?: Json | null,"rows_written"?: number,"run_id"?: string,"started_at"?: string,"status"?: string,"summary"?: Json | null,"windows_claimed"?: number,"windows_done"?: number,"windows_failed"?: number
                  }
                  Update: {
                    "api_calls"?: number,"duration_ms"?: number | null,"error"?: string | null,"finished_at"?: string | null,"function_name"?: string | null,"mode"?: string | null,"request_body"?: Json | null,"rows_written"?: number,"run_id"?: string,"started_at"?: string,"status"?: string,"summary"?: Json | null,"windows_claimed"?: number,"windows_done"?: number,"windows_failed"?: number
                  }
                  Relationships: [
                    
                  ]
                },"ra_trainer_statistics": {
                  Row: {
                    "ae_index": number | null,"days_since_last_run": number | null,"days_since_last_win": number | null,"expected_wins": number | null,"last_run_date": string | null,"last_win_date": string | null,"place_percent": number | null,"profit_loss_1u": number | null,"recent_14d_ae_index": number | null,"recent_14d_expected_wins": number | null,"recent_14d_place_percent": number | null,"recent_14d_places": number | null,"recent_14d_profit_loss_1u": number | null,"recent_14d_roi_percent": number | null,"recent_14d_runs": number | null,"recent_14d_seconds": number | null,"recent_14d_thirds": number | null,"recent_14d_win_percent": number | null,"recent_14d_wins": number | null,"recent_30d_ae_index": number | null,"recent_30d_expected_wins": number | null,"recent_30d_place_percent": number | null,"recent_30d_places": number | null,"recent_30d_profit_loss_1u": number | null,"recent_30d_roi_percent": number | null,"recent_30d_runs": number | null,"recent_30d_seconds": number | null,"recent_30d_thirds": number | null,"recent_30d_win_percent": number | null,"recent_30d_wins": number | null,"roi_percent": number | null,"statistics_as_of": string,"total_places": number | null,"total_runs": number | null,"total_seconds": number | null,"total_thirds": number | null,"total_wins": number | null,"trainer_id": string,"win_percent": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ae_index"?: number | null,"days_since_last_run"?: number | null,"days_since_last_win"?: number | null,"expected_wins"?: number | null,"last_run_date"?: string | null,"last_win_date"?: string | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"recent_14d_ae_index"?: number | null,"recent_14d_expected_wins"?: number | null,"recent_14d_place_percent"?: number | null,"recent_14d_places"?: number | null,"recent_14d_profit_loss_1u"?: number | null,"recent_14d_roi_percent"?: number | null,"recent_14d_runs"?: number | null,"recent_14d_seconds"?: number | null,"recent_14d_thirds"?: number | null,"recent_14d_win_percent"?: number | null,"recent_14d_wins"?: number | null,"recent_30d_ae_index"?: number | null,"recent_30d_expected_wins"?: number | null,"recent_30d_place_percent"?: number | null,"recent_30d_places"?: number | null,"recent_30d_profit_loss_1u"?: number | null,"recent_30d_roi_percent"?: number | null,"recent_30d_runs"?: number | null,"recent_30d_seconds"?: number | null,"recent_30d_thirds"?: number | null,"recent_30d_win_percent"?: number | null,"recent_30d_wins"?: number | null,"roi_percent"?: number | null,"statistics_as_of": string,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"trainer_id": string,"win_percent"?: number | null
                  }
                  Update: {
                    "ae_index"?: number | null,"days_since_last_run"?: number | null,"days_since_last_win"?: number | null,"expected_wins"?: number | null,"last_run_date"?: string | null,"last_win_date"?: string | null,"place_percent"?: number | null,"profit_loss_1u"?: number | null,"recent_14d_ae_index"?: number | null,"recent_14d_expected_wins"?: number | null,"recent_14d_place_percent"?: number | null,"recent_14d_places"?: number | null,"recent_14d_profit_loss_1u"?: number | null,"recent_14d_roi_percent"?: number | null,"recent_14d_runs"?: number | null,"recent_14d_seconds"?: number | null,"recent_14d_thirds"?: number | null,"recent_14d_win_percent"?: number | null,"recent_14d_wins"?: number | null,"recent_30d_ae_index"?: number | null,"recent_30d_expected_wins"?: number | null,"recent_30d_place_percent"?: number | null,"recent_30d_places"?: number | null,"recent_30d_profit_loss_1u"?: number | null,"recent_30d_roi_percent"?: number | null,"recent_30d_runs"?: number | null,"recent_30d_seconds"?: number | null,"recent_30d_thirds"?: number | null,"recent_30d_win_percent"?: number | null,"recent_30d_wins"?: number | null,"roi_percent"?: number | null,"statistics_as_of"?: string,"total_places"?: number | null,"total_runs"?: number | null,"total_seconds"?: number | null,"total_thirds"?: number | null,"total_wins"?: number | null,"trainer_id"?: string,"win_percent"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ra_trainer_statistics_trainer_id_fkey"
      columns: ["trainer_id"]
isOneToOne: true
      referencedRelation: "ra_mst_trainers"
      referencedColumns: ["id"]
    }
                  ]
                }
          }
          Views: {
            "ra_data_quality": {
                  Row: {
                    "check": string | null,"detail": string | null,"since": string | null,"status": string | null
                  }
                  ComputedFields: never
                  Relationships: [
                    
                  ]
                },"ra_horse_pedigree": {
                  Row: {
                    "breeder": string | null,"dam": string | null,"dam_id": string | null,"damsire": string | null,"damsire_id": string | null,"horse_id": string,"region": string | null,"sire": string | null,"sire_id": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Relationships: [
                    {
      foreignKeyName: "ra_mst_horses_dam_id_fkey"
      columns: ["dam_id"]
isOneToOne: false
      referencedRelation: "ra_mst_dams"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_horses_damsire_id_fkey"
      columns: ["damsire_id"]
isOneToOne: false
      referencedRelation: "ra_mst_damsires"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_horses_sire_id_fkey"
      columns: ["sire_id"]
isOneToOne: false
      referencedRelation: "ra_mst_sires"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_mst_race_results": {
                  Row: {
                    "age": number | null,"beaten_lengths": number | null,"bsp": number | null,"course_id": string | null,"course_name": string | null,"dam_id": string | null,"damsire_id": string | null,"draw": number | null,"finish_status": string | null,"finishing_time_seconds": number | null,"headgear": string | null,"horse_id": string,"horse_name": string | null,"jockey_claim_lbs": number | null,"jockey_id": string | null,"jockey_name": string | null,"number": number | null,"off_dt": string | null,"overall_beaten_lengths": number | null,"owner_id": string | null,"owner_name": string | null,"position": number | null,"prize_won_amount": number | null,"prize_won_currency": string | null,"race_date": string | null,"race_id": string,"race_name": string | null,"region": string | null,"result_comment": string | null,"result_official_rating": number | null,"result_rpr": number | null,"result_topspeed": number | null,"sex_code": string | null,"silk_url": string | null,"sire_id": string | null,"sp_favourite": string | null,"starting_price": string | null,"starting_price_decimal": number | null,"trainer_id": string | null,"trainer_name": string | null,"updated_at": string,"weight_lbs": number | null
                  }
                  ComputedFields: never
                  Relationships: [
                    {
      foreignKeyName: "ra_mst_horses_dam_id_fkey"
      columns: ["dam_id"]
isOneToOne: false
      referencedRelation: "ra_mst_dams"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_horses_damsire_id_fkey"
      columns: ["damsire_id"]
isOneToOne: false
      referencedRelation: "ra_mst_damsires"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_horses_sire_id_fkey"
      columns: ["sire_id"]
isOneToOne: false
      referencedRelation: "ra_mst_sires"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_races_course_id_fkey"
      columns: ["course_id"]
isOneToOne: false
      referencedRelation: "ra_mst_courses"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_horse_id_fkey"
      columns: ["horse_id"]
isOneToOne: false
      referencedRelation: "ra_horse_pedigree"
      referencedColumns: ["horse_id"]
    },{
      foreignKeyName: "ra_mst_runners_horse_id_fkey"
      columns: ["horse_id"]
isOneToOne: false
      referencedRelation: "ra_mst_horses"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_jockey_id_fkey"
      columns: ["jockey_id"]
isOneToOne: false
      referencedRelation: "ra_mst_jockeys"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_owner_id_fkey"
      columns: ["owner_id"]
isOneToOne: false
      referencedRelation: "ra_mst_owners"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_race_id_fkey"
      columns: ["race_id"]
isOneToOne: false
      referencedRelation: "ra_mst_races"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ra_mst_runners_trainer_id_fkey"
      columns: ["trainer_id"]
isOneToOne: false
      referencedRelation: "ra_mst_trainers"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_odds_historical": {
                  Row: {
                    "best_bookmaker_id": string | null,"best_decimal": number | null,"closing_decimal": number | null,"each_way_return": number | null,"ew_denom": number | null,"ew_places": number | null,"handicap": boolean | null,"horse_id": string,"moves": number | null,"off_dt": string | null,"opening_decimal": number | null,"place_return": number | null,"position": number | null,"pre_off_max": number | null,"pre_off_mean": number | null,"pre_off_min": number | null,"race_date": string | null,"race_id": string,"runners": number | null,"sp_decimal": number | null,"sp_favourite_rank": number | null,"sp_fractional": string | null,"win_return": number | null
                  }
                  ComputedFields: never
                  Relationships: [
                    {
      foreignKeyName: "ra_odds_history_bookmaker_id_fkey"
      columns: ["best_bookmaker_id"]
isOneToOne: false
      referencedRelation: "ra_mst_bookmakers"
      referencedColumns: ["id"]
    }
                  ]
                },"ra_odds_statistics": {
                  Row: {
                    "api_calls": number,"bookmakers": number | null,"changes_written": number | null,"cycles": number | null,"duration_ms": number | null,"error": string | null,"errors": number | null,"mode": string | null,"prices_fetched": number | null,"races": number | null,"run_id": string,"runners": number | null,"started_at": string,"status": string
                  }
                  ComputedFields: never
                  Insert: {
                           "api_calls"?: number | null,"bookmakers"?: never,"changes_written"?: never,"cycles"?: never,"duration_ms"?: number | null,"error"?: string | null,"errors"?: never,"mode"?: string | null,"prices_fetched"?: never,"races"?: never,"run_id"?: string | null,"runners"?: never,"started_at"?: string | null,"status"?: string | null
                         }
                        Update: {
                           "api_calls"?: number | null,"bookmakers"?: never,"changes_written"?: never,"cycles"?: never,"duration_ms"?: number | null,"error"?: string | null,"errors"?: never,"mode"?: string | null,"prices_fetched"?: never,"races"?: never,"run_id"?: string | null,"runners"?: never,"started_at"?: string | null,"status"?: string | null
                         }
                        Relationships: [
                    
                  ]
                },"ra_schedule_status": {
                  Row: {
                    "active": boolean | null,"body": Json | null,"cron": string | null,"function_name": string | null,"http_error": string | null,"http_status_code": number | null,"http_timed_out": boolean | null,"invoked_at": string | null,"job_name": string | null,"last_run_finished_at": string | null,"last_run_message": string | null,"last_run_started_at": string | null,"last_run_status": string | null,"request_id": number | null,"scheduled": boolean | null,"sync_error": string | null,"sync_finished_at": string | null,"sync_run_id": string | null,"sync_started_at": string | null,"sync_status": string | null
                  }
                  ComputedFields: never
                  Relationships: [
                    
                  ]
                }
          }
          Functions: {
            [_ in never]: never
          }
          Enums: {
            [_ in never]: never
          }
          CompositeTypes: {
            [_ in never]: never
          }
        }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
  ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
      Row: infer R
    }
    ? R
    : never
  : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I
    }
    ? I
    : never
  : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U
    }
    ? U
    : never
  : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
  ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
  ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never

export const Constants = {
  "public": {
          Enums: {
            
          }
        }
} as const
